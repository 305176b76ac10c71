package io.yielddelta.keeper.contracts.devchain;

import io.yielddelta.keeper.contracts.generated.Multicall3;
import io.yielddelta.keeper.contracts.generated.NonfungiblePositionManager;
import io.yielddelta.keeper.contracts.generated.QuoterV2;
import io.yielddelta.keeper.contracts.generated.SwapRouter;
import io.yielddelta.keeper.contracts.generated.TestToken;
import io.yielddelta.keeper.contracts.generated.UniswapV3Factory;
import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import io.yielddelta.keeper.contracts.generated.WETH9;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * The real Uniswap V3 contracts from npm (v3-core 1.0.1, v3-periphery 1.4.4) deployed on a {@link DevChain}, with
 * Multicall3 at its canonical address, plus the helpers tests and the sandbox use to make tokens, pools, positions and
 * swaps. Everything is sent by one deployer account unless a method takes the sender.
 */
public final class UniswapV3Stack {
    /** Multicall3's deterministic address, the same on SEI mainnet and almost every EVM chain. */
    public static final String MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11";
    /** The position manager's NFT descriptor is only used by tokenURI(), which nothing here calls. */
    private static final String UNUSED_TOKEN_DESCRIPTOR = "0x000000000000000000000000000000000000dEaD";

    private static final BigInteger FAR_DEADLINE = BigInteger.valueOf(4_000_000_000L);
    public static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private final DevChain chain;
    private final Credentials deployer;
    private final String weth9;
    private final String factory;
    private final String positionManager;
    private final String swapRouter;
    private final String quoterV2;

    private UniswapV3Stack(
            DevChain chain,
            Credentials deployer,
            String weth9,
            String factory,
            String positionManager,
            String swapRouter,
            String quoterV2) {
        this.chain = chain;
        this.deployer = deployer;
        this.weth9 = weth9;
        this.factory = factory;
        this.positionManager = positionManager;
        this.swapRouter = swapRouter;
        this.quoterV2 = quoterV2;
    }

    public static UniswapV3Stack deploy(DevChain chain, Credentials deployer) {
        TransactionManager tm = chain.transactionManager(deployer);
        ContractGasProvider gas = chain.gasProvider();
        try {
            String weth9 = WETH9.deploy(chain.web3j(), tm, gas).send().getContractAddress();
            String factory =
                    UniswapV3Factory.deploy(chain.web3j(), tm, gas).send().getContractAddress();
            String positionManager = NonfungiblePositionManager.deploy(
                            chain.web3j(), tm, gas, factory, weth9, UNUSED_TOKEN_DESCRIPTOR)
                    .send()
                    .getContractAddress();
            String swapRouter = SwapRouter.deploy(chain.web3j(), tm, gas, factory, weth9)
                    .send()
                    .getContractAddress();
            String quoterV2 = QuoterV2.deploy(chain.web3j(), tm, gas, factory, weth9)
                    .send()
                    .getContractAddress();
            placeMulticall3(chain, tm, gas);
            return new UniswapV3Stack(chain, deployer, weth9, factory, positionManager, swapRouter, quoterV2);
        } catch (Exception e) {
            throw new IllegalStateException("deploying Uniswap V3 failed: " + e.getMessage(), e);
        }
    }

    /** Deploys Multicall3 anywhere, then copies its runtime code to the canonical address. */
    private static void placeMulticall3(DevChain chain, TransactionManager tm, ContractGasProvider gas)
            throws Exception {
        String deployed = Multicall3.deploy(chain.web3j(), tm, gas).send().getContractAddress();
        chain.setCode(MULTICALL3, chain.code(deployed));
    }

    public DevChain chain() {
        return chain;
    }

    public Credentials deployer() {
        return deployer;
    }

    public String weth9() {
        return weth9;
    }

    public String factory() {
        return factory;
    }

    public String positionManager() {
        return positionManager;
    }

    public String swapRouter() {
        return swapRouter;
    }

    public String quoterV2() {
        return quoterV2;
    }

    public String multicall3() {
        return MULTICALL3;
    }

    public TestToken deployToken(String name, String symbol, int decimals) {
        try {
            return TestToken.deploy(
                            chain.web3j(),
                            chain.transactionManager(deployer),
                            chain.gasProvider(),
                            name,
                            symbol,
                            BigInteger.valueOf(decimals))
                    .send();
        } catch (Exception e) {
            throw new IllegalStateException("deploying token " + symbol + " failed: " + e.getMessage(), e);
        }
    }

    /** Creates and initialises a pool; the tokens may come in either order (the factory sorts them). */
    public UniswapV3Pool createPool(String tokenA, String tokenB, int fee, BigInteger sqrtPriceX96) {
        try {
            UniswapV3Factory f = UniswapV3Factory.load(
                    factory, chain.web3j(), chain.transactionManager(deployer), chain.gasProvider());
            send(f.createPool(tokenA, tokenB, BigInteger.valueOf(fee)));
            String address = f.getPool(tokenA, tokenB, BigInteger.valueOf(fee)).send();
            UniswapV3Pool pool = pool(address, deployer);
            send(pool.initialize(sqrtPriceX96));
            return pool;
        } catch (Exception e) {
            throw new IllegalStateException("creating pool failed: " + e.getMessage(), e);
        }
    }

    public UniswapV3Pool pool(String address, Credentials sender) {
        return UniswapV3Pool.load(address, chain.web3j(), chain.transactionManager(sender), chain.gasProvider());
    }

    public TestToken token(String address, Credentials sender) {
        return TestToken.load(address, chain.web3j(), chain.transactionManager(sender), chain.gasProvider());
    }

    public NonfungiblePositionManager positionManager(Credentials sender) {
        return NonfungiblePositionManager.load(
                positionManager, chain.web3j(), chain.transactionManager(sender), chain.gasProvider());
    }

    public SwapRouter swapRouter(Credentials sender) {
        return SwapRouter.load(swapRouter, chain.web3j(), chain.transactionManager(sender), chain.gasProvider());
    }

    public QuoterV2 quoterV2(Credentials sender) {
        return QuoterV2.load(quoterV2, chain.web3j(), chain.transactionManager(sender), chain.gasProvider());
    }

    /** Mints {@code amount} of a test token to {@code owner} and lets {@code spender} take all of it. */
    public void fund(String token, Credentials owner, BigInteger amount, String spender) {
        send(token(token, owner).mint(owner.getAddress(), amount));
        send(token(token, owner).approve(spender, MAX_UINT256));
    }

    /** Mints a position through the NonfungiblePositionManager; returns the receipt (amounts are in its events). */
    public TransactionReceipt mintPosition(
            Credentials owner,
            UniswapV3Pool pool,
            int tickLower,
            int tickUpper,
            BigInteger amount0Desired,
            BigInteger amount1Desired) {
        try {
            var params = new NonfungiblePositionManager.MintParams(
                    pool.token0().send(),
                    pool.token1().send(),
                    pool.fee().send(),
                    BigInteger.valueOf(tickLower),
                    BigInteger.valueOf(tickUpper),
                    amount0Desired,
                    amount1Desired,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    owner.getAddress(),
                    FAR_DEADLINE);
            return send(positionManager(owner).mint(params, BigInteger.ZERO));
        } catch (Exception e) {
            throw new IllegalStateException("mint failed: " + e.getMessage(), e);
        }
    }

    /** Swaps an exact input through the SwapRouter, stopping at {@code sqrtPriceLimitX96} (0 = no limit). */
    public TransactionReceipt swapExactInput(
            Credentials trader,
            String tokenIn,
            String tokenOut,
            int fee,
            BigInteger amountIn,
            BigInteger sqrtPriceLimitX96) {
        var params = new SwapRouter.ExactInputSingleParams(
                tokenIn,
                tokenOut,
                BigInteger.valueOf(fee),
                trader.getAddress(),
                FAR_DEADLINE,
                amountIn,
                BigInteger.ZERO,
                sqrtPriceLimitX96);
        return send(swapRouter(trader).exactInputSingle(params, BigInteger.ZERO));
    }

    /** Sends a transaction and fails loudly if it reverted. */
    public static TransactionReceipt send(org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt> call) {
        try {
            TransactionReceipt receipt = call.send();
            if (!receipt.isStatusOK()) {
                throw new IllegalStateException(
                        "transaction " + receipt.getTransactionHash() + " reverted: " + receipt.getRevertReason());
            }
            return receipt;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The pool's sqrtPriceX96 for a human price (token1 per token0, in whole tokens), given each token's decimals:
     * sqrt(price · 10^decimals1 / 10^decimals0) · 2^96, rounded down.
     */
    public static BigInteger sqrtPriceX96(BigDecimal price, int decimals0, int decimals1) {
        BigDecimal raw = price.movePointRight(decimals1 - decimals0);
        return raw.sqrt(new MathContext(80))
                .multiply(new BigDecimal(BigInteger.TWO.pow(96)))
                .setScale(0, RoundingMode.DOWN)
                .toBigIntegerExact();
    }
}
