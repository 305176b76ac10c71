package io.yielddelta.keeper.app.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthFeeHistory;

/**
 * EIP-1559 fees from {@code eth_feeHistory}: the tip is the median over recent blocks of the configured tip
 * percentile (at least the configured floor), the max fee twice the next block's base fee plus the tip (room for
 * six full blocks of base-fee growth), and neither above the configured cap.
 */
public final class FeeOracle {

    private final Web3j web3j;
    private final TransactionSettings settings;

    public FeeOracle(Web3j web3j, TransactionSettings settings) {
        this.web3j = web3j;
        this.settings = settings;
    }

    public Fees current() throws IOException {
        EthFeeHistory response = web3j.ethFeeHistory(
                        settings.feeHistoryBlocks(),
                        DefaultBlockParameterName.LATEST,
                        List.of(settings.tipPercentile()))
                .send();
        if (response.hasError()) {
            throw new IOException(
                    "eth_feeHistory failed: " + response.getError().getMessage());
        }
        EthFeeHistory.FeeHistory history = response.getFeeHistory();
        List<BigInteger> baseFees = history.getBaseFeePerGas();
        // The last entry is the base fee of the block after the newest one: the block this transaction aims for.
        BigInteger nextBaseFee = baseFees.get(baseFees.size() - 1);
        BigInteger tip = median(history.getReward()).max(settings.minPriorityFeePerGas());
        return new Fees(nextBaseFee.shiftLeft(1).add(tip), tip).cappedAt(settings.maxFeePerGasCap());
    }

    private static BigInteger median(List<List<BigInteger>> rewards) {
        List<BigInteger> tips = new ArrayList<>();
        if (rewards != null) {
            for (List<BigInteger> block : rewards) {
                if (!block.isEmpty()) {
                    tips.add(block.get(0));
                }
            }
        }
        if (tips.isEmpty()) {
            return BigInteger.ZERO;
        }
        tips.sort(null);
        return tips.get(tips.size() / 2);
    }
}
