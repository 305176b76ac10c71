package io.yielddelta.keeper.contracts.vault;

import static io.yielddelta.keeper.contracts.devchain.UniswapV3Stack.send;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.DevVaults;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.SwapRouter;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault.Parameters;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault.RebalanceParams;
import io.yielddelta.keeper.contracts.generated.testing.SwapThenRebalance;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.datatypes.CustomError;
import org.web3j.crypto.Credentials;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.utils.Numeric;

/** Each guard of YieldDeltaVault, triggered alone, with the custom error it must raise. */
@ExtendWith(DevChainExtension.class)
class VaultGuardsIT {
    private VaultWorld world;
    private YieldDeltaVault vault;
    private String vaultAddress;

    @BeforeEach
    void setUp(UniswapV3Stack uniswap) {
        world = VaultWorld.create(uniswap);
        vault = world.vault;
        vaultAddress = vault.getContractAddress();
        world.deposit(world.depositor(0), world.wethAndUsdc(10));
    }

    @Test
    void aValidRebalancePassesEveryGuard() throws Exception {
        RebalanceParams params = world.recenter(VaultWorld.HALF_WIDTH);
        assertThat(world.revertData(world.keeper, vaultAddress, world.rebalanceCall(params, world.aiOracle)))
                .isNull();
        world.rebalance(params);
        assertThat(vault.nonceUsed(params.nonce).send()).isTrue();
    }

    @Test
    void onlyTheKeeperMayRebalance() throws Exception {
        String revert = expectRebalanceRevert(world.trader, world.centred(), world.aiOracle, NOTKEEPER_ERROR);
        assertThat(VaultWorld.word(revert, 0))
                .isEqualTo(new BigInteger(world.trader.getAddress().substring(2), 16));
    }

    @Test
    void onlyTheAiOraclesSignatureIsAccepted() throws Exception {
        String revert = expectRebalanceRevert(world.keeper, world.centred(), world.trader, SIGNERNOTAIORACLE_ERROR);
        assertThat(VaultWorld.word(revert, 0))
                .isEqualTo(new BigInteger(world.trader.getAddress().substring(2), 16));
        // a signature over other params recovers to some other address
        RebalanceParams signed = world.centred();
        RebalanceParams sent = world.params(
                signed.tickLower.intValueExact() - 60, signed.tickUpper.intValueExact() - 60, false, BigInteger.ZERO);
        String call = vault.rebalance(sent, world.sign(signed, world.aiOracle)).encodeFunctionCall();
        world.assertRevertsWith(world.keeper, vaultAddress, call, SIGNERNOTAIORACLE_ERROR);
    }

    @Test
    void aNonceIsAcceptedOnce() throws Exception {
        int center = world.centerTick();
        RebalanceParams params = world.params(
                center - VaultWorld.HALF_WIDTH,
                center + VaultWorld.HALF_WIDTH,
                false,
                BigInteger.ZERO,
                world.latestTimestamp() + 3600);
        world.rebalance(params);
        expectRebalanceRevert(world.keeper, params, world.aiOracle, NONCEALREADYUSED_ERROR);
    }

    @Test
    void aCancelledNonceCannotBeUsed() throws Exception {
        RebalanceParams signed = world.centred();
        world.assertRevertsWith(
                world.trader,
                vaultAddress,
                vault.cancelNonce(signed.nonce).encodeFunctionCall(),
                NOTKEEPERGUARDIANOROWNER_ERROR);
        var receipt = send(world.vaultAs(world.guardian).cancelNonce(signed.nonce));
        assertThat(YieldDeltaVault.getNonceCancelledEvents(receipt))
                .singleElement()
                .satisfies(e -> assertThat(e.by).isEqualToIgnoringCase(world.guardian.getAddress()));
        expectRebalanceRevert(world.keeper, signed, world.aiOracle, NONCEALREADYUSED_ERROR);
        // the keeper may spend one it decided not to send, too
        RebalanceParams unused = world.centred();
        send(world.vaultAs(world.keeper).cancelNonce(unused.nonce));
        assertThat(vault.nonceUsed(unused.nonce).send()).isTrue();
    }

    @Test
    void anExpiredDeadlineIsRefused() throws Exception {
        int center = world.centerTick();
        RebalanceParams params = world.params(
                center - VaultWorld.HALF_WIDTH,
                center + VaultWorld.HALF_WIDTH,
                false,
                BigInteger.ZERO,
                world.latestTimestamp() - 1);
        expectRebalanceRevert(world.keeper, params, world.aiOracle, DEADLINEEXPIRED_ERROR);
    }

    @Test
    void aSignatureLongerLivedThanAnHourIsRefused() throws Exception {
        int center = world.centerTick();
        RebalanceParams params = world.params(
                center - VaultWorld.HALF_WIDTH,
                center + VaultWorld.HALF_WIDTH,
                false,
                BigInteger.ZERO,
                world.latestTimestamp() + 2 * 3600);
        String revert = expectRebalanceRevert(world.keeper, params, world.aiOracle, DEADLINETOOFAR_ERROR);
        assertThat(VaultWorld.word(revert, 0)).isEqualTo(params.deadline);
    }

    @Test
    void rebalancesWaitForTheCooldown() throws Exception {
        world.rebalance(world.centred());
        String revert = expectRebalanceRevert(world.keeper, world.centred(), world.aiOracle, COOLDOWNACTIVE_ERROR);
        assertThat(VaultWorld.word(revert, 0))
                .isEqualTo(vault.lastRebalanceTimestamp().send().add(BigInteger.valueOf(VaultWorld.COOLDOWN)));
        world.afterCooldown();
        world.rebalance(world.centred());
    }

    @Test
    void theRangeCentreMayNotMoveBeyondTheLimit() throws Exception {
        int center = world.centerTick() + 2040; // the first multiple of the tick spacing beyond the 2000 limit
        RebalanceParams params =
                world.params(center - VaultWorld.HALF_WIDTH, center + VaultWorld.HALF_WIDTH, false, BigInteger.ZERO);
        expectRebalanceRevert(world.keeper, params, world.aiOracle, TICKMOVETOOLARGE_ERROR);
    }

    @Test
    void theRangeWidthMayNotChangeBeyondTheLimit() throws Exception {
        int center = world.centerTick();
        int halfWidth = VaultWorld.HALF_WIDTH + 1020; // width grows by 2040 > 2000
        RebalanceParams params = world.params(center - halfWidth, center + halfWidth, false, BigInteger.ZERO);
        expectRebalanceRevert(world.keeper, params, world.aiOracle, WIDTHCHANGETOOLARGE_ERROR);
    }

    @Test
    void aRangeOffTheTickSpacingIsRefused() throws Exception {
        int center = world.centerTick();
        RebalanceParams params = world.params(
                center - VaultWorld.HALF_WIDTH + 1, center + VaultWorld.HALF_WIDTH, false, BigInteger.ZERO);
        expectRebalanceRevert(world.keeper, params, world.aiOracle, INVALIDRANGE_ERROR);
    }

    @Test
    void aPricePushedAwayFromTheTwapJustBeforeBlocksTheRebalance() throws Exception {
        RebalanceParams params = world.centred();
        world.swap(world.sellsWeth(), VaultWorld.weth(60)); // ~4 % down, mined in its own block
        String revert = expectRebalanceRevert(world.keeper, params, world.aiOracle, PRICEOFFTWAP_ERROR);
        int tick = VaultWorld.word(revert, 0).intValue();
        int twap = VaultWorld.word(revert, 1).intValue();
        assertThat(Math.abs(tick - twap)).isGreaterThan(VaultWorld.MAX_TWAP_DEVIATION);
    }

    @Test
    void aPriceMovedInTheSameTransactionBlocksTheRebalance() throws Exception {
        // A keeper contract that swaps and rebalances atomically: the TWAP, which counts only time, has not moved.
        SwapThenRebalance attacker = SwapThenRebalance.deploy(
                        world.chain.web3j(),
                        world.chain.transactionManager(world.owner),
                        world.chain.gasProvider(),
                        world.pool.getContractAddress())
                .send();
        for (String token : new String[] {world.token0, world.token1}) {
            send(world.token(token).mint(attacker.getContractAddress(), VaultWorld.FUNDS));
        }
        world.changeAsOwner(
                world.owner, vault.setKeeper(attacker.getContractAddress()).encodeFunctionCall());
        RebalanceParams params = world.centred();
        byte[] signature = world.sign(params, world.aiOracle);
        var sameShape = new SwapThenRebalance.RebalanceParams(
                params.tickLower,
                params.tickUpper,
                params.zeroForOne,
                params.swapAmountIn,
                params.swapAmountOutMin,
                params.amount0Min,
                params.amount1Min,
                params.deadline,
                params.nonce);
        String manipulated = attacker.swapThenRebalance(
                        world.sellsWeth(), VaultWorld.weth(60), vaultAddress, sameShape, signature)
                .encodeFunctionCall();
        world.assertRevertsWith(world.trader, attacker.getContractAddress(), manipulated, PRICEOFFTWAP_ERROR);
        String honest = attacker.swapThenRebalance(
                        world.sellsWeth(), BigInteger.valueOf(1000), vaultAddress, sameShape, signature)
                .encodeFunctionCall();
        assertThat(world.revertData(world.trader, attacker.getContractAddress(), honest))
                .isNull();
    }

    @Test
    void aSwapMinedInTheSameBlockJustBeforeTheRebalanceBlocksIt() throws Exception {
        RebalanceParams params = world.centred();
        var swapParams = new SwapRouter.ExactInputSingleParams(
                world.sellsWeth() ? world.token0 : world.token1,
                world.sellsWeth() ? world.token1 : world.token0,
                BigInteger.valueOf(VaultWorld.FEE),
                world.trader.getAddress(),
                BigInteger.valueOf(4_000_000_000L),
                VaultWorld.weth(60),
                BigInteger.ZERO,
                BigInteger.ZERO);
        String swap = world.uniswap
                .swapRouter(world.trader)
                .exactInputSingle(swapParams, BigInteger.ZERO)
                .encodeFunctionCall();
        var gas = (StaticEIP1559GasProvider) world.chain.gasProvider();
        BigInteger gasLimit = BigInteger.valueOf(2_000_000);
        String swapHash;
        String rebalanceHash;
        world.chain.setAutomine(false);
        try {
            swapHash = world.chain
                    .transactionManager(world.trader)
                    .sendEIP1559Transaction(
                            world.chain.chainId(),
                            gas.getMaxPriorityFeePerGas().multiply(BigInteger.TWO),
                            gas.getMaxFeePerGas(),
                            gasLimit,
                            world.uniswap.swapRouter(),
                            swap,
                            BigInteger.ZERO)
                    .getTransactionHash();
            rebalanceHash = world.chain
                    .transactionManager(world.keeper)
                    .sendEIP1559Transaction(
                            world.chain.chainId(),
                            gas.getMaxPriorityFeePerGas(),
                            gas.getMaxFeePerGas(),
                            gasLimit,
                            vaultAddress,
                            world.rebalanceCall(params, world.aiOracle),
                            BigInteger.ZERO)
                    .getTransactionHash();
            world.chain.mine();
        } finally {
            world.chain.setAutomine(true);
        }
        var swapReceipt = world.chain
                .web3j()
                .ethGetTransactionReceipt(swapHash)
                .send()
                .getTransactionReceipt()
                .orElseThrow();
        var rebalanceReceipt = world.chain
                .web3j()
                .ethGetTransactionReceipt(rebalanceHash)
                .send()
                .getTransactionReceipt()
                .orElseThrow();
        assertThat(rebalanceReceipt.getBlockNumber()).isEqualTo(swapReceipt.getBlockNumber());
        assertThat(rebalanceReceipt.getTransactionIndex()).isGreaterThan(swapReceipt.getTransactionIndex());
        assertThat(swapReceipt.isStatusOK()).isTrue();
        assertThat(rebalanceReceipt.isStatusOK()).isFalse();
        assertThat(vault.nonceUsed(params.nonce).send()).isFalse();
        expectRebalanceRevert(
                world.keeper, params, world.aiOracle, PRICEOFFTWAP_ERROR); // why, replayed on the new state
    }

    @Test
    void aRebalanceWhoseOwnSwapPushesThePriceAwayFromTheTwapIsUndone() throws Exception {
        world.deposit(world.depositor(1), world.wethAndUsdc(100));
        int center = world.centerTick();
        RebalanceParams params = world.params(
                center - VaultWorld.HALF_WIDTH, center + VaultWorld.HALF_WIDTH, world.sellsWeth(), VaultWorld.weth(60));
        String revert = expectRebalanceRevert(world.keeper, params, world.aiOracle, PRICEOFFTWAPAFTERREBALANCE_ERROR);
        assertThat(Math.abs(VaultWorld.word(revert, 0).intValue()
                        - VaultWorld.word(revert, 1).intValue()))
                .isGreaterThan(VaultWorld.MAX_TWAP_DEVIATION);
    }

    @Test
    void aRebalanceLosingMoreValueThanTheSlippageBoundIsUndone() throws Exception {
        setParameters(VaultWorld.COOLDOWN, VaultWorld.TWAP_WINDOW, VaultWorld.MAX_TWAP_DEVIATION, 10);
        int center = world.centerTick();
        // Selling 8 of the vault's 10 WETH pays 0.3 % fee plus impact on them: more than 0.1 % of the vault.
        RebalanceParams params = world.params(
                center - VaultWorld.HALF_WIDTH, center + VaultWorld.HALF_WIDTH, world.sellsWeth(), VaultWorld.weth(8));
        String revert = expectRebalanceRevert(world.keeper, params, world.aiOracle, VALUELOSSTOOHIGH_ERROR);
        BigInteger before = VaultWorld.word(revert, 0);
        BigInteger after = VaultWorld.word(revert, 1);
        assertThat(after.multiply(BigInteger.valueOf(10_000))).isLessThan(before.multiply(BigInteger.valueOf(9_990)));
    }

    @Test
    void theSwapAndTheNewPositionHonourTheirMinimumAmounts() throws Exception {
        int center = world.centerTick();
        RebalanceParams greedySwap = new RebalanceParams(
                BigInteger.valueOf(center - VaultWorld.HALF_WIDTH),
                BigInteger.valueOf(center + VaultWorld.HALF_WIDTH),
                world.sellsWeth(),
                VaultWorld.weth(1),
                VaultWorld.FUNDS,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.valueOf(world.latestTimestamp() + 600),
                BigInteger.valueOf(900));
        expectRebalanceRevert(world.keeper, greedySwap, world.aiOracle, SWAPOUTPUTTOOLOW_ERROR);
        RebalanceParams greedyMint = new RebalanceParams(
                greedySwap.tickLower,
                greedySwap.tickUpper,
                false,
                BigInteger.ZERO,
                BigInteger.ZERO,
                VaultWorld.FUNDS,
                BigInteger.ZERO,
                BigInteger.valueOf(world.latestTimestamp() + 600),
                BigInteger.valueOf(901));
        expectRebalanceRevert(world.keeper, greedyMint, world.aiOracle, POSITIONAMOUNTSTOOLOW_ERROR);
    }

    @Test
    void aDepositWhoseShareOfTheLiquidityOverflowsUint128IsRefusedNotTruncated() throws Exception {
        world.rebalance(world.recenter(VaultWorld.HALF_WIDTH));
        // Shares worth 2^128 + 2^100 liquidity: truncated to uint128 that is 2^100, which the pool would accept.
        BigInteger liquidity = world.poolLiquidity();
        BigInteger supply = vault.totalSupply().send();
        BigInteger wanted = BigInteger.TWO.pow(128).add(BigInteger.TWO.pow(100));
        BigInteger shares = VaultWorld.ceilDiv(wanted.multiply(supply), liquidity);
        var totals = vault.totalAmounts().send();
        BigInteger amount0 =
                VaultWorld.ceilDiv(shares.multiply(totals.component1()), supply).add(BigInteger.TEN);
        BigInteger amount1 =
                VaultWorld.ceilDiv(shares.multiply(totals.component2()), supply).add(BigInteger.TEN);
        Credentials whale = world.depositor(2);
        for (String token : new String[] {world.token0, world.token1}) {
            send(world.token(token).mint(whale.getAddress(), BigInteger.TWO.pow(200)));
        }
        String call = vault.deposit(amount0, amount1, BigInteger.ONE, whale.getAddress(), world.deadline())
                .encodeFunctionCall();
        String revert = world.revertData(whale, vaultAddress, call);
        assertThat(revert)
                .as("a deposit of %s liquidity units must not go through truncated", wanted)
                .isNotNull();
        assertThat(VaultWorld.revertReason(revert)).isEqualTo("SafeCast: value doesn't fit in 128 bits");
    }

    @Test
    void pausingBlocksDepositsAndRebalancesButNotWithdrawals() throws Exception {
        Credentials depositor = world.depositor(0);
        var receipt = send(world.vaultAs(world.guardian).pause());
        assertThat(YieldDeltaVault.getPausedEvents(receipt))
                .singleElement()
                .satisfies(e -> assertThat(e.by).isEqualToIgnoringCase(world.guardian.getAddress()));
        expectRebalanceRevert(world.keeper, world.centred(), world.aiOracle, VAULTPAUSED_ERROR);
        BigInteger[] amounts = world.wethAndUsdc(1);
        world.assertRevertsWith(
                depositor,
                vaultAddress,
                vault.deposit(amounts[0], amounts[1], BigInteger.ONE, depositor.getAddress(), world.deadline())
                        .encodeFunctionCall(),
                VAULTPAUSED_ERROR);
        BigInteger shares = vault.balanceOf(depositor.getAddress()).send();
        world.withdraw(depositor, shares);
        assertThat(vault.balanceOf(depositor.getAddress()).send()).isZero();

        // only the owner lifts the pause
        assertThat(world.revertData(
                        world.guardian, vaultAddress, vault.unpause().encodeFunctionCall()))
                .isNotNull();
        send(vault.unpause());
        assertThat(vault.paused().send()).isFalse();
    }

    @Test
    void onlyTheGuardianOrOwnerMayPause() {
        world.assertRevertsWith(
                world.trader, vaultAddress, vault.pause().encodeFunctionCall(), NOTGUARDIANOROWNER_ERROR);
    }

    @Test
    void theOwnerSetsParametersOnlyWithinTheirHardBounds() throws Exception {
        Credentials owner = world.owner;
        Map<Parameters, CustomError> refused = new LinkedHashMap<>();
        refused.put(parameters(899, 600, 100, 10), PARAMETEROUTOFBOUNDS_ERROR);
        refused.put(parameters(3600, 59, 100, 10), PARAMETEROUTOFBOUNDS_ERROR);
        refused.put(parameters(3600, 3601, 100, 10), PARAMETEROUTOFBOUNDS_ERROR);
        // within the bounds, but longer than the pool's oracle (601 slots) can hold
        refused.put(parameters(3600, 601, 100, 10), OBSERVATIONCARDINALITYTOOLOW_ERROR);
        refused.put(parameters(3600, 600, 501, 10), PARAMETEROUTOFBOUNDS_ERROR);
        refused.put(parameters(3600, 600, 100, 501), PARAMETEROUTOFBOUNDS_ERROR);
        refused.put(
                DevVaults.parameters(3600, 600, 100, 59, 2000, 10, VaultWorld.MAX_DAILY_LOSS_BPS),
                PARAMETEROUTOFBOUNDS_ERROR);
        refused.put(DevVaults.parameters(3600, 600, 100, 2000, 2000, 10, 1001), PARAMETEROUTOFBOUNDS_ERROR);
        Parameters accepted = parameters(7200, 300, 50, 25);
        for (Parameters p : refused.keySet())
            world.propose(owner, vault.setParameters(p).encodeFunctionCall());
        String acceptedCall = vault.setParameters(accepted).encodeFunctionCall();
        world.propose(owner, acceptedCall);
        world.letTimePass(VaultWorld.TIMELOCK_DELAY);
        // the setter's checks apply when the change is made
        refused.forEach((p, error) -> world.assertRevertsWith(
                owner,
                vaultAddress,
                world.executeChangeCall(vault.setParameters(p).encodeFunctionCall()),
                error));
        // and nobody else proposes, makes or sets anything
        for (String call : new String[] {
            vault.proposeChange(Numeric.hexStringToByteArray(acceptedCall)).encodeFunctionCall(),
            world.executeChangeCall(acceptedCall),
            acceptedCall,
            vault.setKeeper(world.trader.getAddress()).encodeFunctionCall(),
            vault.setAiOracle(world.trader.getAddress()).encodeFunctionCall(),
            vault.setGuardian(world.trader.getAddress()).encodeFunctionCall()
        }) {
            assertThat(world.revertData(world.trader, vaultAddress, call)).isNotNull();
        }
        var receipt = send(vault.executeChange(Numeric.hexStringToByteArray(acceptedCall)));
        assertThat(YieldDeltaVault.getParametersUpdatedEvents(receipt))
                .singleElement()
                .satisfies(e -> assertThat(e.maxSlippageBps).isEqualTo(BigInteger.valueOf(25)));
        assertThat(vault.parameters().send().component1()).isEqualTo(BigInteger.valueOf(7200));
    }

    @Test
    void ownershipMovesInTwoSteps() throws Exception {
        Credentials next = world.trader;
        send(vault.transferOwnership(next.getAddress()));
        assertThat(vault.owner().send()).isEqualToIgnoringCase(world.owner.getAddress());
        assertThat(vault.pendingOwner().send()).isEqualToIgnoringCase(next.getAddress());
        send(world.vaultAs(next).acceptOwnership());
        assertThat(vault.owner().send()).isEqualToIgnoringCase(next.getAddress());
        var receipt = world.changeAsOwner(
                next, vault.setKeeper(world.depositor(2).getAddress()).encodeFunctionCall());
        assertThat(YieldDeltaVault.getKeeperUpdatedEvents(receipt))
                .singleElement()
                .satisfies(e -> assertThat(e.newKeeper)
                        .isEqualToIgnoringCase(world.depositor(2).getAddress()));
    }

    @Test
    void onlyThePoolMayCallTheCallbacks() {
        world.assertRevertsWith(
                world.trader,
                vaultAddress,
                vault.uniswapV3MintCallback(BigInteger.ONE, BigInteger.ONE, new byte[0])
                        .encodeFunctionCall(),
                NOTPOOL_ERROR);
        world.assertRevertsWith(
                world.trader,
                vaultAddress,
                vault.uniswapV3SwapCallback(BigInteger.ONE, BigInteger.ONE, new byte[0])
                        .encodeFunctionCall(),
                NOTPOOL_ERROR);
        world.assertRevertsWith(
                world.trader,
                vaultAddress,
                vault.dragonswapV2MintCallback(BigInteger.ONE, BigInteger.ONE, new byte[0])
                        .encodeFunctionCall(),
                NOTPOOL_ERROR);
        world.assertRevertsWith(
                world.trader,
                vaultAddress,
                vault.dragonswapV2SwapCallback(BigInteger.ONE, BigInteger.ONE, new byte[0])
                        .encodeFunctionCall(),
                NOTPOOL_ERROR);
    }

    @Test
    void theOffChainDigestIsTheVaultsOwn() throws Exception {
        RebalanceParams params = world.params(-887220, 887220, true, BigInteger.valueOf(123));
        assertThat(vault.rebalanceDigest(params).send())
                .isEqualTo(RebalanceTypedData.digest(world.chain.chainId(), vaultAddress, params));
        assertThat(vault.domainSeparator().send())
                .isEqualTo(RebalanceTypedData.domainSeparator(world.chain.chainId(), vaultAddress));
        assertThat(vault.REBALANCE_TYPEHASH().send())
                .isEqualTo(RebalanceTypedData.typeHash(RebalanceTypedData.REBALANCE_TYPE));
        RebalanceParams idle =
                world.params(RebalanceTypedData.IDLE_TICK, RebalanceTypedData.IDLE_TICK, false, BigInteger.ZERO);
        assertThat(vault.rebalanceDigest(idle).send())
                .isEqualTo(RebalanceTypedData.digest(world.chain.chainId(), vaultAddress, idle));
        var domain = vault.eip712Domain().send();
        assertThat(domain.component2()).isEqualTo(RebalanceTypedData.DOMAIN_NAME);
        assertThat(domain.component3()).isEqualTo(RebalanceTypedData.DOMAIN_VERSION);
        assertThat(domain.component4()).isEqualTo(BigInteger.valueOf(1329));
        assertThat(domain.component5()).isEqualToIgnoringCase(vaultAddress);
    }

    private String expectRebalanceRevert(
            Credentials caller, RebalanceParams params, Credentials signer, CustomError error) {
        return world.assertRevertsWith(caller, vaultAddress, world.rebalanceCall(params, signer), error);
    }

    private static Parameters parameters(long cooldown, long twapWindow, int maxTwapDeviation, int maxSlippageBps) {
        return DevVaults.parameters(
                cooldown,
                twapWindow,
                maxTwapDeviation,
                VaultWorld.MAX_TICK_MOVE,
                VaultWorld.MAX_WIDTH_CHANGE,
                maxSlippageBps,
                VaultWorld.MAX_DAILY_LOSS_BPS);
    }

    private void setParameters(long cooldown, long twapWindow, int maxTwapDeviation, int maxSlippageBps) {
        world.changeAsOwner(
                world.owner,
                vault.setParameters(parameters(cooldown, twapWindow, maxTwapDeviation, maxSlippageBps))
                        .encodeFunctionCall());
    }
}
