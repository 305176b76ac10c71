package io.yielddelta.keeper.contracts.devchain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A local EVM chain for tests and the sandbox: anvil with SEI mainnet's chain id, ten funded accounts from a fixed
 * mnemonic, and the anvil-specific controls tests need (snapshots, mining, time, base fee, raw code).
 */
public final class DevChain implements AutoCloseable {
    /** SEI mainnet EVM (pacific-1). */
    public static final long SEI_CHAIN_ID = 1329;
    /** anvil's well-known development mnemonic: these keys guard nothing. */
    public static final String MNEMONIC = "test test test test test test test test test test test junk";

    public static final int ACCOUNTS = 10;

    // Generous fixed fees and gas: anvil mines every transaction at once, and some Uniswap estimates run low.
    private static final BigInteger MAX_FEE_PER_GAS = BigInteger.valueOf(100_000_000_000L);
    private static final BigInteger MAX_PRIORITY_FEE_PER_GAS = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(15_000_000);

    private final Anvil anvil;
    private final HttpService http;
    private final Web3j web3j;
    private final List<Credentials> accounts;

    private DevChain(Anvil anvil) {
        this.anvil = anvil;
        this.http = new HttpService(anvil.rpcUrl());
        this.web3j = Web3j.build(http, 50, java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "devchain-poll");
            t.setDaemon(true);
            return t;
        }));
        this.accounts = deriveAccounts();
    }

    /** Starts anvil; extra arguments go to anvil as they are (e.g. {@code "--block-time", "1"}). */
    public static DevChain start(String... extraAnvilArgs) {
        return new DevChain(Anvil.start(SEI_CHAIN_ID, MNEMONIC, List.of(extraAnvilArgs)));
    }

    public Web3j web3j() {
        return web3j;
    }

    public String rpcUrl() {
        return anvil.rpcUrl();
    }

    public long chainId() {
        return SEI_CHAIN_ID;
    }

    /** A funded account, 0 to 9 (m/44'/60'/0'/0/i of {@link #MNEMONIC}). */
    public Credentials account(int index) {
        return accounts.get(index);
    }

    /** Signs locally, reads the pending nonce for every transaction (so it survives snapshots and reverts). */
    public TransactionManager transactionManager(Credentials from) {
        return new RawTransactionManager(
                web3j, from, SEI_CHAIN_ID, new PollingTransactionReceiptProcessor(web3j, 10, 3000));
    }

    public ContractGasProvider gasProvider() {
        return new StaticEIP1559GasProvider(SEI_CHAIN_ID, MAX_FEE_PER_GAS, MAX_PRIORITY_FEE_PER_GAS, GAS_LIMIT);
    }

    /** {@code evm_snapshot}: an id to {@link #revert} to. */
    public String snapshot() {
        return call("evm_snapshot", String.class);
    }

    /** {@code evm_revert}; anvil drops the snapshot (and later ones), so take a new one to revert there again. */
    public void revert(String snapshotId) {
        if (!Boolean.TRUE.equals(call("evm_revert", Boolean.class, snapshotId))) {
            throw new IllegalStateException("evm_revert to unknown snapshot " + snapshotId);
        }
    }

    public void mine() {
        call("evm_mine", String.class);
    }

    /** Turns automine off to gather several transactions into one block, then {@link #mine()} it. */
    public void setAutomine(boolean on) {
        call("evm_setAutomine", Object.class, on);
    }

    public void increaseTime(long seconds) {
        call("evm_increaseTime", Object.class, seconds);
    }

    public void setNextBlockBaseFeePerGas(BigInteger wei) {
        call("anvil_setNextBlockBaseFeePerGas", Object.class, "0x" + wei.toString(16));
    }

    public void setCode(String address, String runtimeCode) {
        call("anvil_setCode", Object.class, address, runtimeCode);
    }

    public String code(String address) {
        try {
            return web3j.ethGetCode(address, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                    .send()
                    .getCode();
        } catch (IOException e) {
            throw new IllegalStateException("eth_getCode " + address + " failed", e);
        }
    }

    /** One JSON-RPC call with any result type Jackson can map. */
    public <T> T call(String method, Class<T> resultType, Object... params) {
        try {
            Result response = new Request<>(method, List.of(params), http, Result.class).send();
            if (response.hasError()) {
                throw new IllegalStateException(
                        method + " failed: " + response.getError().getMessage());
            }
            return org.web3j.protocol.ObjectMapperFactory.getObjectMapper()
                    .convertValue(response.getResult(), resultType);
        } catch (IOException e) {
            throw new IllegalStateException(method + " failed: " + e.getMessage(), e);
        }
    }

    /** Any JSON result. */
    public static final class Result extends Response<Object> {}

    @Override
    public void close() {
        web3j.shutdown();
        anvil.close();
    }

    private static List<Credentials> deriveAccounts() {
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));
        int hardened = Bip32ECKeyPair.HARDENED_BIT;
        List<Credentials> accounts = new ArrayList<>(ACCOUNTS);
        for (int i = 0; i < ACCOUNTS; i++) {
            int[] path = {44 | hardened, 60 | hardened, hardened, 0, i};
            accounts.add(Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path)));
        }
        return List.copyOf(accounts);
    }
}
