package io.yielddelta.keeper.contracts.vault;

import static io.yielddelta.keeper.contracts.devchain.UniswapV3Stack.send;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.CHANGENOTREADY_ERROR;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.NOTTIMELOCKED_ERROR;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.RENOUNCEDISABLED_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.DevVaults;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.utils.Numeric;

/** I-1: the owner's powers over who rebalances and within which limits wait out a timelock; ownership stays. */
@ExtendWith(DevChainExtension.class)
class VaultOwnershipIT {
    private VaultWorld world;
    private YieldDeltaVault vault;
    private String vaultAddress;

    @BeforeEach
    void setUp(UniswapV3Stack uniswap) {
        world = VaultWorld.create(uniswap);
        vault = world.vault;
        vaultAddress = vault.getContractAddress();
    }

    @Test
    void theOwnerCannotSwapTheKeeperOracleOrLimitsAtOnce() throws Exception {
        String stranger = world.trader.getAddress();
        for (String call : new String[] {
            vault.setKeeper(stranger).encodeFunctionCall(),
            vault.setAiOracle(stranger).encodeFunctionCall(),
            vault.setParameters(DevVaults.parameters(900, 300, 500, 20_000, 20_000, 500, 1000))
                    .encodeFunctionCall()
        }) {
            world.assertRevertsWith(world.owner, vaultAddress, call, NOTTIMELOCKED_ERROR);
        }
        assertThat(vault.keeper().send()).isEqualToIgnoringCase(world.keeper.getAddress());
    }

    @Test
    void aProposedChangeTakesEffectOnlyAfterTheDelayAndMayBeCancelled() throws Exception {
        String newKeeper = vault.setKeeper(world.depositor(2).getAddress()).encodeFunctionCall();
        var proposed = YieldDeltaVault.getChangeProposedEvents(world.propose(world.owner, newKeeper))
                .getFirst();
        assertThat(proposed.readyAt).isEqualTo(BigInteger.valueOf(world.latestTimestamp() + VaultWorld.TIMELOCK_DELAY));
        assertThat(vault.changeReadyAt(proposed.id).send()).isEqualTo(proposed.readyAt);

        world.letTimePass(VaultWorld.TIMELOCK_DELAY - 60);
        world.assertRevertsWith(world.owner, vaultAddress, world.executeChangeCall(newKeeper), CHANGENOTREADY_ERROR);
        world.letTimePass(60);
        var receipt = send(vault.executeChange(Numeric.hexStringToByteArray(newKeeper)));
        assertThat(YieldDeltaVault.getKeeperUpdatedEvents(receipt))
                .singleElement()
                .satisfies(e -> assertThat(e.newKeeper)
                        .isEqualToIgnoringCase(world.depositor(2).getAddress()));
        assertThat(vault.changeReadyAt(proposed.id).send()).isZero();
        // once made, the proposal is spent
        world.assertRevertsWith(world.owner, vaultAddress, world.executeChangeCall(newKeeper), CHANGENOTREADY_ERROR);

        String newOracle = vault.setAiOracle(world.trader.getAddress()).encodeFunctionCall();
        var oracleProposal = YieldDeltaVault.getChangeProposedEvents(world.propose(world.owner, newOracle))
                .getFirst();
        send(vault.cancelChange(oracleProposal.id));
        world.letTimePass(VaultWorld.TIMELOCK_DELAY);
        world.assertRevertsWith(world.owner, vaultAddress, world.executeChangeCall(newOracle), CHANGENOTREADY_ERROR);
        assertThat(vault.aiOracle().send()).isEqualToIgnoringCase(world.aiOracle.getAddress());

        // only the three setters wait in the timelock
        world.assertRevertsWith(
                world.owner,
                vaultAddress,
                vault.proposeChange(Numeric.hexStringToByteArray(vault.unpause().encodeFunctionCall()))
                        .encodeFunctionCall(),
                NOTTIMELOCKED_ERROR);
    }

    @Test
    void ownershipCannotBeRenounced() throws Exception {
        // declared pure now (it only reverts), so the generated wrapper has no method for it
        String renounce = FunctionEncoder.encode(new Function("renounceOwnership", List.of(), List.of()));
        world.assertRevertsWith(world.owner, vaultAddress, renounce, RENOUNCEDISABLED_ERROR);
        assertThat(vault.owner().send()).isEqualToIgnoringCase(world.owner.getAddress());
    }
}
