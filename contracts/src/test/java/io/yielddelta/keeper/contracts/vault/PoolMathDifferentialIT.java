package io.yielddelta.keeper.contracts.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.generated.testing.PoolMathHarness;
import io.yielddelta.keeper.contracts.generated.testing.UniswapMathHarness;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The vault's 0.8 pool math (vault/PoolMath.sol) against Uniswap's own 0.7 libraries from npm, call for call over
 * random and boundary inputs: the vault prices deposits with one and the pool settles with the other.
 */
@ExtendWith(DevChainExtension.class)
class PoolMathDifferentialIT {
    private static final int MAX_TICK = 887272;

    @Test
    void agreesWithUniswapsLibrariesToTheWei(DevChain chain) throws Exception {
        var tm = chain.transactionManager(chain.account(0));
        PoolMathHarness vaultMath =
                PoolMathHarness.deploy(chain.web3j(), tm, chain.gasProvider()).send();
        UniswapMathHarness uniswapMath = UniswapMathHarness.deploy(chain.web3j(), tm, chain.gasProvider())
                .send();
        Random random = new Random(1329);

        List<Integer> ticks = new ArrayList<>(List.of(-MAX_TICK, -MAX_TICK + 1, -1, 0, 1, MAX_TICK - 1, MAX_TICK));
        for (int i = 0; i < 120; i++) ticks.add(random.nextInt(2 * MAX_TICK + 1) - MAX_TICK);
        for (int tick : ticks) {
            BigInteger t = BigInteger.valueOf(tick);
            assertThat(vaultMath.sqrtPriceAtTickOf(t).send())
                    .as("sqrt price at tick %d", tick)
                    .isEqualTo(uniswapMath.getSqrtRatioAtTick(t).send());
        }

        for (int i = 0; i < 120; i++) {
            int center = random.nextInt(400_001) - 200_000;
            int lower = center - 1 - random.nextInt(20_000);
            int upper = center + 1 + random.nextInt(20_000);
            int priceTick = center + random.nextInt(50_001) - 25_000; // sometimes outside the range
            BigInteger sqrtLower =
                    uniswapMath.getSqrtRatioAtTick(BigInteger.valueOf(lower)).send();
            BigInteger sqrtUpper =
                    uniswapMath.getSqrtRatioAtTick(BigInteger.valueOf(upper)).send();
            BigInteger sqrtPrice = uniswapMath
                    .getSqrtRatioAtTick(BigInteger.valueOf(priceTick))
                    .send()
                    .add(BigInteger.valueOf(random.nextInt(1000)));
            BigInteger liquidity = new BigInteger(1 + random.nextInt(110), random);
            for (boolean roundUp : new boolean[] {false, true}) {
                var ours = vaultMath
                        .amountsForLiquidityOf(sqrtPrice, sqrtLower, sqrtUpper, liquidity, roundUp)
                        .send();
                BigInteger[] theirs = uniswapAmounts(uniswapMath, sqrtPrice, sqrtLower, sqrtUpper, liquidity, roundUp);
                assertThat(new BigInteger[] {ours.component1(), ours.component2()})
                        .as(
                                "amounts of L=%s in [%d, %d] at %s, roundUp %s",
                                liquidity, lower, upper, sqrtPrice, roundUp)
                        .containsExactly(theirs);
            }
            BigInteger amount0 = new BigInteger(1 + random.nextInt(80), random); // liquidity stays within uint128
            BigInteger amount1 = new BigInteger(1 + random.nextInt(80), random);
            assertThat(vaultMath
                            .liquidityForAmountsOf(sqrtPrice, sqrtLower, sqrtUpper, amount0, amount1)
                            .send())
                    .as("liquidity for %s/%s in [%d, %d] at %s", amount0, amount1, lower, upper, sqrtPrice)
                    .isEqualTo(uniswapMath
                            .getLiquidityForAmounts(sqrtPrice, sqrtLower, sqrtUpper, amount0, amount1)
                            .send());
        }
    }

    /** SqrtPriceMath's amount deltas with the branching LiquidityAmounts uses on the sqrt price. */
    private static BigInteger[] uniswapAmounts(
            UniswapMathHarness math,
            BigInteger sqrtPrice,
            BigInteger sqrtLower,
            BigInteger sqrtUpper,
            BigInteger liquidity,
            boolean roundUp)
            throws Exception {
        if (sqrtPrice.compareTo(sqrtLower) <= 0) {
            return new BigInteger[] {
                math.getAmount0Delta(sqrtLower, sqrtUpper, liquidity, roundUp).send(), BigInteger.ZERO
            };
        }
        if (sqrtPrice.compareTo(sqrtUpper) < 0) {
            return new BigInteger[] {
                math.getAmount0Delta(sqrtPrice, sqrtUpper, liquidity, roundUp).send(),
                math.getAmount1Delta(sqrtLower, sqrtPrice, liquidity, roundUp).send()
            };
        }
        return new BigInteger[] {
            BigInteger.ZERO,
            math.getAmount1Delta(sqrtLower, sqrtUpper, liquidity, roundUp).send()
        };
    }
}
