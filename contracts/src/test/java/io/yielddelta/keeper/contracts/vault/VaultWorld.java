package io.yielddelta.keeper.contracts.vault;

import static io.yielddelta.keeper.contracts.devchain.UniswapV3Stack.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevVaults;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.NonfungiblePositionManager;
import io.yielddelta.keeper.contracts.generated.TestToken;
import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault.Parameters;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault.RebalanceParams;
import io.yielddelta.keeper.contracts.generated.testing.UniswapMathHarness;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.web3j.abi.CustomErrorEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.CustomError;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * A WETH/USDC-like pool (18 and 6 decimals, 0.3 %, price 2,500) on the dev chain with deep third-party liquidity, a
 * YieldDeltaVault on it with its roles on fixed accounts, funded depositors and a trader, and the pool's TWAP window
 * already filled. The helpers act as the keeper, the aiOracle, the guardian and the users would.
 */
final class VaultWorld {
    static final int FEE = 3000;
    static final int TICK_SPACING = 60;
    static final int HALF_WIDTH = 1200;
    static final long COOLDOWN = 3600;
    static final long TWAP_WINDOW = 600;
    static final int MAX_TWAP_DEVIATION = 100;
    static final int MAX_TICK_MOVE = 2000;
    static final int MAX_WIDTH_CHANGE = 2000;
    static final int MAX_SLIPPAGE_BPS = 100;
    static final int MAX_DAILY_LOSS_BPS = 300;
    static final long TIMELOCK_DELAY = 2 * 86_400;
    static final BigInteger FUNDS = BigInteger.TEN.pow(30);
    private static final BigInteger Q96 = BigInteger.TWO.pow(96);
    private static final MathContext MC = MathContext.DECIMAL128;

    final DevChain chain;
    final UniswapV3Stack uniswap;
    final Credentials owner;
    final Credentials keeper;
    final Credentials aiOracle;
    final Credentials guardian;
    final Credentials trader;
    final Credentials liquidityProvider;
    final UniswapV3Pool pool;
    final String token0;
    final String token1;
    final boolean wethIsToken0;
    final YieldDeltaVault vault;
    final UniswapMathHarness uniswapMath;
    private long nextNonce = 1;

    static final Parameters PARAMETERS = DevVaults.parameters(
            COOLDOWN,
            TWAP_WINDOW,
            MAX_TWAP_DEVIATION,
            MAX_TICK_MOVE,
            MAX_WIDTH_CHANGE,
            MAX_SLIPPAGE_BPS,
            MAX_DAILY_LOSS_BPS);

    private VaultWorld(UniswapV3Stack uniswap, Parameters parameters) throws Exception {
        this.uniswap = uniswap;
        this.chain = uniswap.chain();
        this.owner = chain.account(0);
        this.keeper = chain.account(1);
        this.aiOracle = chain.account(2);
        this.guardian = chain.account(3);
        this.trader = chain.account(7);
        this.liquidityProvider = chain.account(8);

        TestToken weth = uniswap.deployToken("Wrapped Ether", "WETH", 18);
        TestToken usdc = uniswap.deployToken("USD Coin", "USDC", 6);
        this.wethIsToken0 = new BigInteger(weth.getContractAddress().substring(2), 16)
                        .compareTo(new BigInteger(usdc.getContractAddress().substring(2), 16))
                < 0;
        BigDecimal price = new BigDecimal("2500");
        BigInteger sqrtPrice = wethIsToken0
                ? UniswapV3Stack.sqrtPriceX96(price, 18, 6)
                : UniswapV3Stack.sqrtPriceX96(BigDecimal.ONE.divide(price), 6, 18);
        this.pool = uniswap.createPool(weth.getContractAddress(), usdc.getContractAddress(), FEE, sqrtPrice);
        this.token0 = pool.token0().send();
        this.token1 = pool.token1().send();
        DevVaults.growOracle(pool, parameters.twapWindow.intValueExact() + 1);

        // Deep liquidity from someone else: 1,000 WETH and 2.5 M USDC over about ±45 %.
        int center = centerTick();
        BigInteger wethAmount = BigInteger.TEN.pow(21);
        BigInteger usdcAmount = BigInteger.valueOf(2_500_000).multiply(BigInteger.TEN.pow(6));
        for (String token : new String[] {token0, token1})
            uniswap.fund(token, liquidityProvider, FUNDS, uniswap.positionManager());
        uniswap.mintPosition(
                liquidityProvider,
                pool,
                center - 6000,
                center + 6000,
                wethIsToken0 ? wethAmount : usdcAmount,
                wethIsToken0 ? usdcAmount : wethAmount);

        this.vault = YieldDeltaVault.deploy(
                        chain.web3j(),
                        chain.transactionManager(owner),
                        chain.gasProvider(),
                        pool.getContractAddress(),
                        "Yield Delta WETH/USDC",
                        "ydWETH-USDC",
                        owner.getAddress(),
                        keeper.getAddress(),
                        aiOracle.getAddress(),
                        guardian.getAddress(),
                        parameters,
                        BigInteger.valueOf(center - HALF_WIDTH),
                        BigInteger.valueOf(center + HALF_WIDTH))
                .send();
        for (int i = 4; i <= 6; i++) fundDepositor(chain.account(i));
        fundDepositor(chain.account(9));
        for (String token : new String[] {token0, token1}) uniswap.fund(token, trader, FUNDS, uniswap.swapRouter());
        this.uniswapMath = UniswapMathHarness.deploy(
                        chain.web3j(), chain.transactionManager(owner), chain.gasProvider())
                .send();
        letTimePass(2 * TWAP_WINDOW);
    }

    static VaultWorld create(UniswapV3Stack uniswap) {
        return create(uniswap, PARAMETERS);
    }

    /** The same world with a vault whose owner chose other limits. */
    static VaultWorld create(UniswapV3Stack uniswap, Parameters parameters) {
        try {
            return new VaultWorld(uniswap, parameters);
        } catch (Exception e) {
            throw new IllegalStateException("setting up the vault world failed: " + e.getMessage(), e);
        }
    }

    /** Depositors are accounts 4, 5 and 6 (9 is kept for an attacker). */
    Credentials depositor(int i) {
        return chain.account(4 + i);
    }

    void fundDepositor(Credentials who) {
        for (String token : new String[] {token0, token1}) uniswap.fund(token, who, FUNDS, vault.getContractAddress());
    }

    YieldDeltaVault vaultAs(Credentials who) {
        return YieldDeltaVault.load(
                vault.getContractAddress(), chain.web3j(), chain.transactionManager(who), chain.gasProvider());
    }

    TestToken token(String address) {
        return uniswap.token(address, owner);
    }

    // ---------------------------------------------------------------- users

    /** Whole WETH and 2,500 USDC per WETH, in pool order. */
    BigInteger[] wethAndUsdc(long weth) {
        BigInteger wethAmount = BigInteger.valueOf(weth).multiply(BigInteger.TEN.pow(18));
        BigInteger usdcAmount = BigInteger.valueOf(weth * 2500).multiply(BigInteger.TEN.pow(6));
        return wethIsToken0 ? new BigInteger[] {wethAmount, usdcAmount} : new BigInteger[] {usdcAmount, wethAmount};
    }

    /** The pool-order swap direction that sells WETH. */
    boolean sellsWeth() {
        return wethIsToken0;
    }

    static BigInteger weth(long whole) {
        return BigInteger.valueOf(whole).multiply(BigInteger.TEN.pow(18));
    }

    TransactionReceipt deposit(Credentials who, BigInteger[] amounts) {
        return deposit(who, amounts[0], amounts[1]);
    }

    TransactionReceipt deposit(Credentials who, BigInteger amount0Max, BigInteger amount1Max) {
        return send(vaultAs(who).deposit(amount0Max, amount1Max, BigInteger.ONE, who.getAddress(), deadline()));
    }

    TransactionReceipt withdraw(Credentials who, BigInteger shares) {
        return send(vaultAs(who).withdraw(shares, BigInteger.ZERO, BigInteger.ZERO, who.getAddress(), deadline()));
    }

    /** A deposit or withdrawal deadline ten minutes from the latest block. */
    BigInteger deadline() {
        return BigInteger.valueOf(latestTimestamp() + 600);
    }

    TransactionReceipt swap(boolean zeroForOne, BigInteger amountIn) {
        return uniswap.swapExactInput(
                trader, zeroForOne ? token0 : token1, zeroForOne ? token1 : token0, FEE, amountIn, BigInteger.ZERO);
    }

    /** The trader swaps whichever way takes the pool to {@code tick} (stopping there), in its own block. */
    TransactionReceipt swapToTick(int tick) throws Exception {
        return swapToSqrtPrice(
                uniswapMath.getSqrtRatioAtTick(BigInteger.valueOf(tick)).send());
    }

    TransactionReceipt swapToSqrtPrice(BigInteger sqrtPriceX96) throws Exception {
        boolean zeroForOne = sqrtPriceX96.compareTo(pool.slot0().send().component1()) < 0;
        return uniswap.swapExactInput(
                trader,
                zeroForOne ? token0 : token1,
                zeroForOne ? token1 : token0,
                FEE,
                FUNDS.divide(BigInteger.TEN),
                sqrtPriceX96);
    }

    /** Everything the vault owns ({@code totalAmounts()}), in token1 units at {@code sqrtPriceX96}. */
    BigInteger vaultValueAt(BigInteger sqrtPriceX96) throws Exception {
        var totals = vault.totalAmounts().send();
        return totals.component2()
                .add(totals.component1()
                        .multiply(sqrtPriceX96)
                        .multiply(sqrtPriceX96)
                        .shiftRight(192));
    }

    /**
     * {@code count} observations for the pool's oracle, one a second: each a dust position in range from the liquidity
     * provider (a mint writes an observation, at most one per block timestamp).
     */
    void dustMints(UniswapV3Pool onPool, int count) throws Exception {
        int spacing = onPool.tickSpacing().send().intValueExact();
        int center = Math.floorDiv(onPool.slot0().send().component2().intValueExact(), spacing) * spacing;
        BigInteger dust = BigInteger.valueOf(1_000_000);
        var params = new NonfungiblePositionManager.MintParams(
                token0,
                token1,
                onPool.fee().send(),
                BigInteger.valueOf(center - 10 * spacing),
                BigInteger.valueOf(center + 10 * spacing),
                dust,
                dust,
                BigInteger.ZERO,
                BigInteger.ZERO,
                liquidityProvider.getAddress(),
                BigInteger.valueOf(4_000_000_000L));
        var positionManager = uniswap.positionManager(liquidityProvider);
        for (int i = 0; i < count; i++) {
            chain.increaseTime(1);
            send(positionManager.mint(params, BigInteger.ZERO));
        }
    }

    /** The creation code and constructor arguments of a vault on {@code poolAddress} with these roles and limits. */
    String vaultDeployment(String poolAddress, Parameters parameters) throws Exception {
        int center = centerTick();
        return YieldDeltaVault.BINARY
                + FunctionEncoder.encodeConstructor(List.of(
                        new Address(poolAddress),
                        new Utf8String("Yield Delta WETH/USDC"),
                        new Utf8String("ydWETH-USDC"),
                        new Address(owner.getAddress()),
                        new Address(keeper.getAddress()),
                        new Address(aiOracle.getAddress()),
                        new Address(guardian.getAddress()),
                        parameters,
                        new Int24(center - HALF_WIDTH),
                        new Int24(center + HALF_WIDTH)));
    }

    // ---------------------------------------------------------------- owner

    /** The owner proposes a timelocked setter call ({@code setKeeper}, {@code setAiOracle}, {@code setParameters}). */
    TransactionReceipt propose(Credentials owner, String call) {
        return send(vaultAs(owner).proposeChange(Numeric.hexStringToByteArray(call)));
    }

    /** The call that makes a proposed change. */
    String executeChangeCall(String call) {
        return vault.executeChange(Numeric.hexStringToByteArray(call)).encodeFunctionCall();
    }

    /** Proposes the setter call, waits out the timelock and makes it; fails loudly if it reverts. */
    TransactionReceipt changeAsOwner(Credentials owner, String call) {
        propose(owner, call);
        letTimePass(TIMELOCK_DELAY);
        return send(vaultAs(owner).executeChange(Numeric.hexStringToByteArray(call)));
    }

    // ---------------------------------------------------------------- keeper and oracle

    RebalanceParams params(int tickLower, int tickUpper, boolean zeroForOne, BigInteger swapAmountIn) {
        return params(tickLower, tickUpper, zeroForOne, swapAmountIn, latestTimestamp() + 3600);
    }

    RebalanceParams params(int tickLower, int tickUpper, boolean zeroForOne, BigInteger swapAmountIn, long deadline) {
        return new RebalanceParams(
                BigInteger.valueOf(tickLower),
                BigInteger.valueOf(tickUpper),
                zeroForOne,
                swapAmountIn,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.valueOf(deadline),
                BigInteger.valueOf(nextNonce++));
    }

    /** A rebalance to ±HALF_WIDTH around the current tick with no swap. */
    RebalanceParams centred() throws Exception {
        int center = centerTick();
        return params(center - HALF_WIDTH, center + HALF_WIDTH, false, BigInteger.ZERO);
    }

    /**
     * What a keeper would propose: a range of ±halfWidth around the current tick (kept within the vault's move
     * limit) and the swap that brings the vault's tokens to that range's ratio at the current price.
     */
    RebalanceParams recenter(int halfWidth) throws Exception {
        var slot0 = pool.slot0().send();
        int oldCenter = (vault.tickLower().send().intValueExact()
                        + vault.tickUpper().send().intValueExact())
                / 2;
        int center = Math.clamp(
                Math.floorDiv(slot0.component2().intValueExact(), TICK_SPACING) * TICK_SPACING,
                oldCenter - MAX_TICK_MOVE + TICK_SPACING,
                oldCenter + MAX_TICK_MOVE - TICK_SPACING);
        center = Math.floorDiv(center, TICK_SPACING) * TICK_SPACING;
        int lower = center - halfWidth;
        int upper = center + halfWidth;
        var totals = vault.totalAmounts().send();
        BigInteger[] swap = reRatioSwap(slot0.component1(), lower, upper, totals.component1(), totals.component2());
        return params(lower, upper, swap[0].signum() > 0, swap[0].signum() > 0 ? swap[0] : swap[1]);
    }

    /**
     * {amount0In, amount1In} (one of them zero) that leaves x, y in the ratio a position in [lower, upper] takes at
     * sqrtPriceX96, ignoring price impact and charging the pool fee.
     */
    static BigInteger[] reRatioSwap(BigInteger sqrtPriceX96, int lower, int upper, BigInteger x, BigInteger y) {
        BigDecimal sp = new BigDecimal(sqrtPriceX96).divide(new BigDecimal(Q96), MC);
        BigDecimal sa = sqrtPriceAt(lower);
        BigDecimal sb = sqrtPriceAt(upper);
        BigDecimal keep = BigDecimal.ONE.subtract(new BigDecimal(FEE).movePointLeft(6));
        BigDecimal price = sp.multiply(sp, MC);
        if (sp.compareTo(sa) <= 0) return new BigInteger[] {BigInteger.ZERO, y};
        if (sp.compareTo(sb) >= 0) return new BigInteger[] {x, BigInteger.ZERO};
        BigDecimal x0 = BigDecimal.ONE.divide(sp, MC).subtract(BigDecimal.ONE.divide(sb, MC)); // token0 per unit L
        BigDecimal y0 = sp.subtract(sa); // token1 per unit L
        BigDecimal excess0 = new BigDecimal(x).multiply(y0).subtract(new BigDecimal(y).multiply(x0));
        if (excess0.signum() > 0) {
            BigDecimal dx = excess0.divide(y0.add(x0.multiply(price).multiply(keep)), MC);
            return new BigInteger[] {dx.setScale(0, RoundingMode.DOWN).toBigInteger(), BigInteger.ZERO};
        }
        BigDecimal dy = excess0.negate().divide(x0.add(y0.divide(price, MC).multiply(keep)), MC);
        return new BigInteger[] {
            BigInteger.ZERO, dy.setScale(0, RoundingMode.DOWN).toBigInteger()
        };
    }

    private static BigDecimal sqrtPriceAt(int tick) {
        return new BigDecimal("1.0001").pow(tick, MC).sqrt(MC);
    }

    byte[] sign(RebalanceParams params, Credentials signer) {
        byte[] digest = RebalanceTypedData.digest(chain.chainId(), vault.getContractAddress(), params);
        Sign.SignatureData signature = Sign.signMessage(digest, signer.getEcKeyPair(), false);
        byte[] joined = new byte[65];
        System.arraycopy(signature.getR(), 0, joined, 0, 32);
        System.arraycopy(signature.getS(), 0, joined, 32, 32);
        joined[64] = signature.getV()[0];
        return joined;
    }

    /** Sent by the keeper with the aiOracle's signature; fails loudly if it reverts. */
    TransactionReceipt rebalance(RebalanceParams params) {
        return send(vaultAs(keeper).rebalance(params, sign(params, aiOracle)));
    }

    String rebalanceCall(RebalanceParams params, Credentials signer) {
        return vault.rebalance(params, sign(params, signer)).encodeFunctionCall();
    }

    void afterCooldown() {
        letTimePass(COOLDOWN);
    }

    void letTimePass(long seconds) {
        chain.increaseTime(seconds);
        chain.mine();
    }

    long latestTimestamp() {
        try {
            return chain.web3j()
                    .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                    .send()
                    .getBlock()
                    .getTimestamp()
                    .longValueExact();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int centerTick() throws Exception {
        return Math.floorDiv(pool.slot0().send().component2().intValueExact(), TICK_SPACING) * TICK_SPACING;
    }

    // ---------------------------------------------------------------- the pool's own numbers

    /** The vault's position liquidity as the pool records it. */
    BigInteger poolLiquidity() throws Exception {
        return pool.positions(vault.positionKey().send()).send().component1();
    }

    /**
     * The token amounts of {@code liquidity} in the vault's range at the pool's current price, computed by Uniswap's
     * own SqrtPriceMath (npm, 0.7.6) with the pool's branching on the current tick.
     */
    BigInteger[] positionAmounts(BigInteger liquidity, boolean roundUp) throws Exception {
        var slot0 = pool.slot0().send();
        BigInteger sqrtPrice = slot0.component1();
        int tick = slot0.component2().intValueExact();
        BigInteger lower = vault.tickLower().send();
        BigInteger upper = vault.tickUpper().send();
        BigInteger sqrtLower = uniswapMath.getSqrtRatioAtTick(lower).send();
        BigInteger sqrtUpper = uniswapMath.getSqrtRatioAtTick(upper).send();
        if (liquidity.signum() == 0) return new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO};
        if (tick < lower.intValueExact()) {
            return new BigInteger[] {
                uniswapMath
                        .getAmount0Delta(sqrtLower, sqrtUpper, liquidity, roundUp)
                        .send(),
                BigInteger.ZERO
            };
        }
        if (tick < upper.intValueExact()) {
            return new BigInteger[] {
                uniswapMath
                        .getAmount0Delta(sqrtPrice, sqrtUpper, liquidity, roundUp)
                        .send(),
                uniswapMath
                        .getAmount1Delta(sqrtLower, sqrtPrice, liquidity, roundUp)
                        .send()
            };
        }
        return new BigInteger[] {
            BigInteger.ZERO,
            uniswapMath
                    .getAmount1Delta(sqrtLower, sqrtUpper, liquidity, roundUp)
                    .send()
        };
    }

    BigInteger[] idle() throws Exception {
        return new BigInteger[] {
            token(token0).balanceOf(vault.getContractAddress()).send(),
            token(token1).balanceOf(vault.getContractAddress()).send()
        };
    }

    BigInteger[] balancesOf(Credentials who) throws Exception {
        return new BigInteger[] {
            token(token0).balanceOf(who.getAddress()).send(),
            token(token1).balanceOf(who.getAddress()).send()
        };
    }

    /** The position's uncollected fees as the vault's view computes them (tokensOwed + growth since the last update). */
    BigInteger[] uncollectedFees() throws Exception {
        var position = vault.position().send();
        return new BigInteger[] {position.component4(), position.component5()};
    }

    static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    // ---------------------------------------------------------------- reverts

    /** The revert data of calling {@code to} with {@code data} from {@code from} now, or null if it would succeed. */
    String revertData(Credentials from, String to, String data) {
        try {
            EthCall call = chain.web3j()
                    .ethCall(
                            Transaction.createEthCallTransaction(from.getAddress(), to, data),
                            DefaultBlockParameterName.LATEST)
                    .send();
            if (!call.hasError()) return null;
            String raw = String.valueOf(call.getError().getData()).replace("\"", "");
            return raw.startsWith("0x") ? raw : call.getError().getMessage();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts the call reverts with the vault's custom error and returns the revert data (selector + arguments). */
    String assertRevertsWith(Credentials from, String to, String data, CustomError error) {
        String revert = revertData(from, to, data);
        assertThat(revert)
                .as("revert data of a call expected to fail with %s", error.getName())
                .isNotNull()
                .startsWith(CustomErrorEncoder.encode(error).substring(0, 10));
        return revert;
    }

    /** The message of a {@code require}/{@code revert("...")} (revert data {@code Error(string)}). */
    static String revertReason(String revertData) {
        String hex = Numeric.cleanHexPrefix(revertData);
        assertThat(hex).as("revert data %s is an Error(string)", revertData).startsWith("08c379a0");
        int length = returnWord(hex.substring(8), 1).intValueExact();
        return new String(
                Numeric.hexStringToByteArray(hex.substring(8 + 128, 8 + 128 + 2 * length)),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The index-th 32-byte argument of a custom error's revert data (after its 4-byte selector). */
    static BigInteger word(String revertData, int index) {
        return returnWord(Numeric.cleanHexPrefix(revertData).substring(8), index);
    }

    /** The index-th 32-byte word of ABI-encoded return data, unsigned. */
    static BigInteger returnWord(String returnData, int index) {
        String hex = Numeric.cleanHexPrefix(returnData).substring(64 * index, 64 * (index + 1));
        return new BigInteger(hex, 16);
    }
}
