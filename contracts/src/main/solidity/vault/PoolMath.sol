// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import "@openzeppelin/contracts/utils/math/Math.sol";
import "@openzeppelin/contracts/utils/math/SafeCast.sol";

// Concentrated-liquidity math for Solidity 0.8, giving the same results as the Uniswap V3 pool's own (0.7) libraries,
// which the vault must agree with to the wei: the vault prices deposits with it and the pool settles mints and burns
// with its own. Differential tests compare each function with the npm Uniswap libraries.

int24 constant MIN_TICK = -887272;
int24 constant MAX_TICK = 887272;
uint256 constant Q96 = 1 << 96;

error TickOutOfRange(int24 tick);

/// sqrt(1.0001^tick) as a Q64.96, rounded up. Multiplies 2^128 by 1/sqrt(1.0001)^(2^i) (Q128, rounded to nearest)
/// for each set bit i of |tick|, inverts for positive ticks, then rounds the Q128.128 up to Q64.96.
function sqrtPriceAtTick(int24 tick) pure returns (uint160) {
    if (tick < MIN_TICK || tick > MAX_TICK) revert TickOutOfRange(tick);
    uint256 absTick = tick < 0 ? uint256(-int256(tick)) : uint256(int256(tick));
    unchecked {
        uint256 ratio = absTick & 0x1 != 0 ? 0xfffcb933bd6fad37aa2d162d1a594001 : 1 << 128;
        if (absTick & 0x2 != 0) ratio = (ratio * 0xfff97272373d413259a46990580e213a) >> 128;
        if (absTick & 0x4 != 0) ratio = (ratio * 0xfff2e50f5f656932ef12357cf3c7fdcc) >> 128;
        if (absTick & 0x8 != 0) ratio = (ratio * 0xffe5caca7e10e4e61c3624eaa0941cd0) >> 128;
        if (absTick & 0x10 != 0) ratio = (ratio * 0xffcb9843d60f6159c9db58835c926644) >> 128;
        if (absTick & 0x20 != 0) ratio = (ratio * 0xff973b41fa98c081472e6896dfb254c0) >> 128;
        if (absTick & 0x40 != 0) ratio = (ratio * 0xff2ea16466c96a3843ec78b326b52861) >> 128;
        if (absTick & 0x80 != 0) ratio = (ratio * 0xfe5dee046a99a2a811c461f1969c3053) >> 128;
        if (absTick & 0x100 != 0) ratio = (ratio * 0xfcbe86c7900a88aedcffc83b479aa3a4) >> 128;
        if (absTick & 0x200 != 0) ratio = (ratio * 0xf987a7253ac413176f2b074cf7815e54) >> 128;
        if (absTick & 0x400 != 0) ratio = (ratio * 0xf3392b0822b70005940c7a398e4b70f3) >> 128;
        if (absTick & 0x800 != 0) ratio = (ratio * 0xe7159475a2c29b7443b29c7fa6e889d9) >> 128;
        if (absTick & 0x1000 != 0) ratio = (ratio * 0xd097f3bdfd2022b8845ad8f792aa5825) >> 128;
        if (absTick & 0x2000 != 0) ratio = (ratio * 0xa9f746462d870fdf8a65dc1f90e061e5) >> 128;
        if (absTick & 0x4000 != 0) ratio = (ratio * 0x70d869a156d2a1b890bb3df62baf32f7) >> 128;
        if (absTick & 0x8000 != 0) ratio = (ratio * 0x31be135f97d08fd981231505542fcfa6) >> 128;
        if (absTick & 0x10000 != 0) ratio = (ratio * 0x9aa508b5b7a84e1c677de54f3e99bc9) >> 128;
        if (absTick & 0x20000 != 0) ratio = (ratio * 0x5d6af8dedb81196699c329225ee604) >> 128;
        if (absTick & 0x40000 != 0) ratio = (ratio * 0x2216e584f5fa1ea926041bedfe98) >> 128;
        if (absTick & 0x80000 != 0) ratio = (ratio * 0x48a170391f7dc42444e8fa2) >> 128;
        if (tick > 0) ratio = type(uint256).max / ratio;
        return uint160((ratio >> 32) + (ratio % (1 << 32) == 0 ? 0 : 1));
    }
}

/// Token0 held by `liquidity` between two sqrt prices (in either order): L·(√b−√a)·2^96 / (√a·√b).
function amount0ForLiquidity(uint160 sqrtA, uint160 sqrtB, uint128 liquidity, bool roundUp) pure returns (uint256) {
    if (sqrtA > sqrtB) (sqrtA, sqrtB) = (sqrtB, sqrtA);
    uint256 numerator = uint256(liquidity) << 96;
    uint256 span = sqrtB - sqrtA;
    return roundUp
        ? Math.ceilDiv(Math.mulDiv(numerator, span, sqrtB, Math.Rounding.Up), sqrtA)
        : Math.mulDiv(numerator, span, sqrtB) / sqrtA;
}

/// Token1 held by `liquidity` between two sqrt prices (in either order): L·(√b−√a) / 2^96.
function amount1ForLiquidity(uint160 sqrtA, uint160 sqrtB, uint128 liquidity, bool roundUp) pure returns (uint256) {
    if (sqrtA > sqrtB) (sqrtA, sqrtB) = (sqrtB, sqrtA);
    return Math.mulDiv(liquidity, sqrtB - sqrtA, Q96, roundUp ? Math.Rounding.Up : Math.Rounding.Down);
}

/// Both token amounts of a position [sqrtLower, sqrtUpper] at the price sqrtPrice. Rounding up gives what the pool
/// charges to mint that liquidity; rounding down what it pays back to burn it.
function amountsForLiquidity(uint160 sqrtPrice, uint160 sqrtLower, uint160 sqrtUpper, uint128 liquidity, bool roundUp)
    pure
    returns (uint256 amount0, uint256 amount1)
{
    if (sqrtPrice <= sqrtLower) {
        amount0 = amount0ForLiquidity(sqrtLower, sqrtUpper, liquidity, roundUp);
    } else if (sqrtPrice < sqrtUpper) {
        amount0 = amount0ForLiquidity(sqrtPrice, sqrtUpper, liquidity, roundUp);
        amount1 = amount1ForLiquidity(sqrtLower, sqrtPrice, liquidity, roundUp);
    } else {
        amount1 = amount1ForLiquidity(sqrtLower, sqrtUpper, liquidity, roundUp);
    }
}

/// The most liquidity that amount0 and amount1 can pay for in [sqrtLower, sqrtUpper] at sqrtPrice (rounded down,
/// so the pool's rounded-up charge for it never exceeds the amounts).
function liquidityForAmounts(uint160 sqrtPrice, uint160 sqrtLower, uint160 sqrtUpper, uint256 amount0, uint256 amount1)
    pure
    returns (uint128)
{
    if (sqrtPrice <= sqrtLower) return liquidityForAmount0(sqrtLower, sqrtUpper, amount0);
    if (sqrtPrice >= sqrtUpper) return liquidityForAmount1(sqrtLower, sqrtUpper, amount1);
    uint128 from0 = liquidityForAmount0(sqrtPrice, sqrtUpper, amount0);
    uint128 from1 = liquidityForAmount1(sqrtLower, sqrtPrice, amount1);
    return from0 < from1 ? from0 : from1;
}

function liquidityForAmount0(uint160 sqrtA, uint160 sqrtB, uint256 amount0) pure returns (uint128) {
    uint256 sqrtProductX96 = Math.mulDiv(sqrtA, sqrtB, Q96);
    return SafeCast.toUint128(Math.mulDiv(amount0, sqrtProductX96, sqrtB - sqrtA));
}

function liquidityForAmount1(uint160 sqrtA, uint160 sqrtB, uint256 amount1) pure returns (uint128) {
    return SafeCast.toUint128(Math.mulDiv(amount1, Q96, sqrtB - sqrtA));
}

/// Value of (amount0, amount1) in token1 units at sqrtPrice: amount1 + amount0·(√P)²/2^192, rounded down.
function valueInToken1(uint256 amount0, uint256 amount1, uint160 sqrtPrice) pure returns (uint256) {
    return amount1 + Math.mulDiv(Math.mulDiv(amount0, sqrtPrice, Q96), sqrtPrice, Q96);
}
