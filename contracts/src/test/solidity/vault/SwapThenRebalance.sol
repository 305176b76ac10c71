// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import "@uniswap/v3-core/contracts/interfaces/callback/IUniswapV3SwapCallback.sol";

/// The vault's rebalance entry point, declared here so the harness compiles without the whole vault.
interface IRebalanceable {
    struct RebalanceParams {
        int24 tickLower;
        int24 tickUpper;
        bool zeroForOne;
        uint256 swapAmountIn;
        uint256 swapAmountOutMin;
        uint256 amount0Min;
        uint256 amount1Min;
        uint256 deadline;
        uint256 nonce;
    }

    function rebalance(RebalanceParams calldata params, bytes calldata signature) external;
}

/// A keeper that manipulates the pool and rebalances in one transaction: the pool price moves while the TWAP, which
/// only counts time, cannot. Tests set it as the vault's keeper to prove the TWAP guard catches same-block moves.
contract SwapThenRebalance is IUniswapV3SwapCallback {
    IUniswapV3Pool public immutable pool;

    constructor(IUniswapV3Pool pool_) {
        pool = pool_;
    }

    /// Swaps amountIn from this contract's own balance, then calls rebalance with the given signed params.
    function swapThenRebalance(
        bool zeroForOne,
        uint256 amountIn,
        IRebalanceable vault,
        IRebalanceable.RebalanceParams calldata params,
        bytes calldata signature
    ) external {
        // the pool's own price bounds, one inside MIN_SQRT_RATIO / MAX_SQRT_RATIO
        uint160 limit = zeroForOne ? 4295128740 : 1461446703485210103287273052203988822378723970341;
        pool.swap(address(this), zeroForOne, int256(amountIn), limit, "");
        vault.rebalance(params, signature);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external override {
        require(msg.sender == address(pool), "not pool");
        if (amount0Delta > 0) IERC20(pool.token0()).transfer(msg.sender, uint256(amount0Delta));
        if (amount1Delta > 0) IERC20(pool.token1()).transfer(msg.sender, uint256(amount1Delta));
    }
}
