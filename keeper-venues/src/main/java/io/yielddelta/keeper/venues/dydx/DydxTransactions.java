package io.yielddelta.keeper.venues.dydx;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import io.yielddelta.keeper.venues.dydx.DydxOrderSigner.Account;
import io.yielddelta.keeper.venues.dydx.DydxOrderSigner.SignedTx;
import io.yielddelta.keeper.venues.dydx.dto.BroadcastTxResponse.TxResponse;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and broadcasts the keeper's transactions, one at a time.
 *
 * <p><b>Sequence.</b> Account number and sequence come from the node's auth module and are cached. A stateful order
 * or cancel that CheckTx accepts advances the cached sequence; short-term orders and cancels do not consume one on
 * dYdX. A sequence-mismatch answer (sdk code 32) means the transaction was refused, so the account is re-read and the
 * transaction signed again once; an unknown outcome drops the cache so the next transaction starts from the node.
 *
 * <p><b>CheckTx.</b> Code 0 → accepted; sdk 19 (the same bytes are already in the mempool) → accepted; sdk 20 (mempool
 * full) → {@link VenueUnavailableException}; any other code → {@link OrderRejectedException} with the raw log.
 */
final class DydxTransactions {

    private static final Logger log = LoggerFactory.getLogger(DydxTransactions.class);
    private static final Pattern SEQUENCE_MISMATCH = Pattern.compile("account sequence mismatch, expected (\\d+)");

    private final DydxNode node;
    private Account account;

    DydxTransactions(DydxNode node) {
        this.node = node;
    }

    /**
     * @param clientId the order the transaction places or cancels, named in an unknown outcome
     * @param stateful whether the transaction consumes a sequence number
     */
    synchronized void broadcast(ClientOrderId clientId, boolean stateful, Function<Account, SignedTx> sign) {
        for (int attempt = 0; ; attempt++) {
            Account acct = account != null ? account : (account = node.account());
            SignedTx tx = sign.apply(acct);
            TxResponse response;
            try {
                response = node.broadcast(tx.txBase64(), clientId);
            } catch (UnknownOutcomeException e) {
                account = null;
                throw e;
            }
            boolean sdk = response.codespace() == null
                    || response.codespace().isEmpty()
                    || "sdk".equals(response.codespace());
            if (response.code() == 0 || sdk && response.code() == 19) {
                if (stateful) {
                    account = new Account(acct.accountNumber(), acct.sequence() + 1);
                }
                log.info("dydx: broadcast {} accepted for order {}", tx.txHash(), clientId);
                return;
            }
            if (sdk && response.code() == 32 && attempt == 0) {
                account = refreshedAccount(response.rawLog());
                continue;
            }
            if (sdk && response.code() == 20) {
                throw new VenueUnavailableException(DydxVenue.NAME, "mempool is full: " + response.rawLog(), null);
            }
            throw new OrderRejectedException(
                    DydxVenue.NAME,
                    "CheckTx code " + response.code()
                            + (response.codespace() == null
                                            || response.codespace().isEmpty()
                                    ? ""
                                    : " (" + response.codespace() + ")")
                            + ": " + response.rawLog());
        }
    }

    /** After a sequence mismatch: the node's own account, or the sequence its error names if that is newer. */
    private Account refreshedAccount(String rawLog) {
        Account fetched = node.account();
        Matcher m = rawLog == null ? null : SEQUENCE_MISMATCH.matcher(rawLog);
        if (m != null && m.find()) {
            long expected = Long.parseLong(m.group(1));
            if (expected > fetched.sequence()) {
                return new Account(fetched.accountNumber(), expected);
            }
        }
        return fetched;
    }
}
