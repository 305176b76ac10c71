// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import "@openzeppelin/contracts/access/Ownable2Step.sol";
import "@openzeppelin/contracts/security/ReentrancyGuard.sol";
import "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import "@openzeppelin/contracts/utils/math/Math.sol";
import "@openzeppelin/contracts/utils/math/SafeCast.sol";
import "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import "@uniswap/v3-core/contracts/interfaces/callback/IUniswapV3MintCallback.sol";
import "@uniswap/v3-core/contracts/interfaces/callback/IUniswapV3SwapCallback.sol";
import "./PoolMath.sol";

/// @title YieldDeltaVault
/// @notice One concentrated-liquidity position in one Uniswap-V3-interface pool (Dragonswap V2 on SEI), plus idle
/// balances, owned pro rata by ERC-20 shares. The keeper moves the range with `rebalance`, but only with parameters
/// signed (EIP-712) by the aiOracle and within the guards set by the owner. The same contract serves every vault kind
/// (concentrated liquidity, delta neutral, arbitrage); how a vault is hedged is keeper configuration.
contract YieldDeltaVault is ERC20, Ownable2Step, ReentrancyGuard, EIP712, IUniswapV3MintCallback, IUniswapV3SwapCallback {
    using SafeERC20 for IERC20;

    /// What the aiOracle signs for one rebalance (EIP-712 type `Rebalance`, see REBALANCE_TYPEHASH).
    struct RebalanceParams {
        int24 tickLower; // tickLower = tickUpper = 0: the empty range; leave the pool and hold everything idle
        int24 tickUpper;
        bool zeroForOne; // swap direction: token0 in (true) or token1 in (false)
        uint256 swapAmountIn; // 0: no swap
        uint256 swapAmountOutMin;
        uint256 amount0Min; // least token0 the new position must take
        uint256 amount1Min;
        uint256 deadline; // unix seconds, inclusive
        uint256 nonce; // any unused number; each is accepted once
    }

    /// The owner's knobs, each within a hard bound (see the *_LIMIT constants).
    struct Parameters {
        uint32 cooldown; // seconds between rebalances
        uint32 twapWindow; // seconds of pool history the TWAP averages
        uint24 maxTwapDeviation; // ticks the pool price may be from the TWAP, before and after a rebalance
        uint24 maxTickMove; // ticks the range centre may move in one rebalance
        uint24 maxWidthChange; // ticks the range width may change in one rebalance
        uint16 maxSlippageBps; // vault value a rebalance may lose, valued at the TWAP price
        uint16 maxDailyLossBps; // rebalance losses (at the TWAP) over the last 24 hours that pause the vault
    }

    bytes32 public constant REBALANCE_TYPEHASH = keccak256(
        "Rebalance(int24 tickLower,int24 tickUpper,bool zeroForOne,uint256 swapAmountIn,uint256 swapAmountOutMin,"
        "uint256 amount0Min,uint256 amount1Min,uint256 deadline,uint256 nonce)"
    );

    /// Shares burnt on the first deposit, held by DEAD_ADDRESS forever: they make inflating the share price by a
    /// donation cost the attacker ~1000 times what a victim could lose to rounding.
    uint256 public constant MINIMUM_SHARES = 1000;
    address public constant DEAD_ADDRESS = 0x000000000000000000000000000000000000dEaD;

    uint32 public constant MIN_COOLDOWN = 15 minutes;
    uint32 public constant MAX_COOLDOWN = 7 days;
    uint32 public constant MIN_TWAP_WINDOW = 60;
    /// The pool must keep more observations than the window has seconds (see setParameters): each slot costs ~22,000
    /// gas to add once, so an hour's 3,601 slots take about 80 M gas, grown over several blocks.
    uint32 public constant MAX_TWAP_WINDOW = 1 hours;
    uint24 public constant MAX_TWAP_DEVIATION_LIMIT = 500; // ~5 %
    uint24 public constant MAX_TICK_MOVE_LIMIT = 20000; // ~7.4x
    uint24 public constant MAX_WIDTH_CHANGE_LIMIT = 20000;
    uint16 public constant MAX_SLIPPAGE_BPS_LIMIT = 500; // 5 %
    uint16 public constant MAX_DAILY_LOSS_BPS_LIMIT = 1000; // 10 %
    /// The longest a signed rebalance may stay valid: its deadline at most this far after the block it lands in.
    uint256 public constant MAX_SIGNATURE_LIFETIME = 1 hours;
    /// Between the owner's proposal of a new keeper, aiOracle or parameters and when it can take effect.
    uint256 public constant TIMELOCK_DELAY = 2 days;

    IUniswapV3Pool public immutable pool;
    IERC20 public immutable token0;
    IERC20 public immutable token1;
    int24 public immutable tickSpacing;

    // One slot: the range, when it last moved, the pause flag (what deposit, withdraw and rebalance all read), and the
    // hour of the newest loss bucket (which rebalance writes with the timestamp).
    int24 public tickLower;
    int24 public tickUpper;
    uint64 public lastRebalanceTimestamp;
    bool public paused;
    uint32 private lossHour;

    Parameters public parameters;
    address public keeper;
    address public aiOracle;
    address public guardian;
    mapping(uint256 => bool) public nonceUsed;
    /// keccak256 of a proposed setter call → when executeChange may make it (0: not proposed).
    mapping(bytes32 => uint256) public changeReadyAt;
    /// Rebalance losses in bps of the vault's value at the TWAP, one bucket per hour (hour h in bucket h % 24), for
    /// the 24 hours up to lossHour.
    uint16[24] private hourlyLossBps;

    event KeeperUpdated(address indexed previousKeeper, address indexed newKeeper);
    event AiOracleUpdated(address indexed previousOracle, address indexed newOracle);
    event GuardianUpdated(address indexed previousGuardian, address indexed newGuardian);
    event ChangeProposed(bytes32 indexed id, bytes call, uint256 readyAt);
    event ChangeCancelled(bytes32 indexed id);
    event ChangeExecuted(bytes32 indexed id);
    event ParametersUpdated(
        uint32 cooldown,
        uint32 twapWindow,
        uint24 maxTwapDeviation,
        uint24 maxTickMove,
        uint24 maxWidthChange,
        uint16 maxSlippageBps,
        uint16 maxDailyLossBps
    );
    /// The rolling 24 h rebalance loss reached maxDailyLossBps: the vault paused itself.
    event DailyLossCapReached(uint256 lossBps, uint256 capBps);
    event NonceCancelled(uint256 indexed nonce, address indexed by);
    event ExitedToIdle(address indexed by, uint128 liquidity);
    event Paused(address indexed by);
    event Unpaused(address indexed by);
    event Deposit(address indexed sender, address indexed receiver, uint256 shares, uint256 amount0, uint256 amount1);
    event Withdraw(address indexed owner, address indexed receiver, uint256 shares, uint256 amount0, uint256 amount1);
    event FeesCollected(uint256 fees0, uint256 fees1);
    /// amount0/amount1: what the new position took; swapAmountOut: what the re-ratio swap of the signed
    /// swapAmountIn returned.
    event Rebalanced(
        uint256 indexed nonce,
        int24 tickLower,
        int24 tickUpper,
        uint128 liquidity,
        uint256 amount0,
        uint256 amount1,
        uint256 swapAmountOut
    );

    error ZeroAddress();
    error RenounceDisabled();
    /// A timelocked setter called other than through executeChange, or a proposal of anything else.
    error NotTimelocked(bytes4 selector);
    error ChangeNotReady(bytes32 id, uint256 readyAt);
    error ParameterOutOfBounds(string name, uint256 value);
    error ObservationCardinalityTooLow(uint16 observationCardinalityNext, uint32 twapWindow);
    error NotKeeper(address caller);
    error NotGuardianOrOwner(address caller);
    error NotPool(address caller);
    error VaultPaused();
    error DeadlineExpired(uint256 deadline, uint256 timestamp);
    error DeadlineTooFar(uint256 deadline, uint256 latestAllowed);
    error NotKeeperGuardianOrOwner(address caller);
    error NonceAlreadyUsed(uint256 nonce);
    error SignerNotAiOracle(address signer);
    error CooldownActive(uint256 readyAt);
    error InvalidRange(int24 tickLower, int24 tickUpper);
    error TickMoveTooLarge(uint256 move, uint256 maxMove);
    error WidthChangeTooLarge(uint256 change, uint256 maxChange);
    error PriceOffTwap(int24 tick, int24 twapTick);
    error PriceOffTwapAfterRebalance(int24 tick, int24 twapTick);
    error SwapOutputTooLow(uint256 amountOut, uint256 amountOutMin);
    error PositionAmountsTooLow(uint256 amount0, uint256 amount1);
    error ValueLossTooHigh(uint256 valueBefore, uint256 valueAfter);
    error ZeroShares();
    error DepositTooSmall(uint256 shares);
    error InsufficientShares(uint256 shares, uint256 minShares);
    error InsufficientOutput(uint256 amount0, uint256 amount1);

    modifier onlyTimelock() {
        if (msg.sender != address(this)) revert NotTimelocked(msg.sig);
        _;
    }

    modifier whenNotPaused() {
        if (paused) revert VaultPaused();
        _;
    }

    /// @param initialTickLower the range a first rebalance's move and width change are measured from (no liquidity
    /// is placed until the first rebalance; deposits wait as idle balances).
    constructor(
        IUniswapV3Pool pool_,
        string memory name_,
        string memory symbol_,
        address owner_,
        address keeper_,
        address aiOracle_,
        address guardian_,
        Parameters memory parameters_,
        int24 initialTickLower,
        int24 initialTickUpper
    ) ERC20(name_, symbol_) EIP712("YieldDeltaVault", "1") {
        pool = pool_;
        token0 = IERC20(pool_.token0());
        token1 = IERC20(pool_.token1());
        tickSpacing = pool_.tickSpacing();
        _checkRange(initialTickLower, initialTickUpper);
        tickLower = initialTickLower;
        tickUpper = initialTickUpper;
        // the setters' checks and events apply to the initial values too
        _setKeeper(keeper_);
        _setAiOracle(aiOracle_);
        _setGuardian(guardian_);
        _setParameters(parameters_);
        if (owner_ == address(0)) revert ZeroAddress();
        _transferOwnership(owner_);
    }

    // ------------------------------------------------------------------ owner and guardian

    /// Proposes a timelocked change: `call` is the ABI-encoded call of setKeeper, setAiOracle or setParameters, which
    /// executeChange may make once TIMELOCK_DELAY has passed. Depositors see it coming and can leave first.
    function proposeChange(bytes calldata call) external onlyOwner returns (bytes32 id) {
        bytes4 selector = bytes4(call);
        if (selector != this.setKeeper.selector && selector != this.setAiOracle.selector
            && selector != this.setParameters.selector) revert NotTimelocked(selector);
        id = keccak256(call);
        uint256 readyAt = block.timestamp + TIMELOCK_DELAY;
        changeReadyAt[id] = readyAt;
        emit ChangeProposed(id, call, readyAt);
    }

    function cancelChange(bytes32 id) external onlyOwner {
        if (changeReadyAt[id] == 0) revert ChangeNotReady(id, 0);
        delete changeReadyAt[id];
        emit ChangeCancelled(id);
    }

    /// Makes a proposed change whose delay has passed; the setter's own checks apply now (a revert is passed on).
    function executeChange(bytes calldata call) external onlyOwner {
        bytes32 id = keccak256(call);
        uint256 readyAt = changeReadyAt[id];
        if (readyAt == 0 || block.timestamp < readyAt) revert ChangeNotReady(id, readyAt);
        delete changeReadyAt[id];
        emit ChangeExecuted(id);
        (bool done, bytes memory reason) = address(this).call(call);
        if (!done) {
            assembly ("memory-safe") {
                revert(add(reason, 32), mload(reason))
            }
        }
    }

    /// Only through executeChange.
    function setKeeper(address newKeeper) external onlyTimelock {
        _setKeeper(newKeeper);
    }

    /// Only through executeChange.
    function setAiOracle(address newOracle) external onlyTimelock {
        _setAiOracle(newOracle);
    }

    /// Only through executeChange.
    function setParameters(Parameters calldata p) external onlyTimelock {
        _setParameters(p);
    }

    /// The guardian may pause, exit to idle and cancel nonces; address(0) leaves that to the owner alone. Not
    /// timelocked: a hot key may have to be replaced at once, and the guardian can only stop things.
    function setGuardian(address newGuardian) external onlyOwner {
        _setGuardian(newGuardian);
    }

    /// Disabled: a vault without an owner could never change its keeper, aiOracle or limits again.
    function renounceOwnership() public pure override {
        revert RenounceDisabled();
    }

    function _setKeeper(address newKeeper) private {
        if (newKeeper == address(0)) revert ZeroAddress();
        emit KeeperUpdated(keeper, newKeeper);
        keeper = newKeeper;
    }

    function _setAiOracle(address newOracle) private {
        if (newOracle == address(0)) revert ZeroAddress();
        emit AiOracleUpdated(aiOracle, newOracle);
        aiOracle = newOracle;
    }

    function _setGuardian(address newGuardian) private {
        emit GuardianUpdated(guardian, newGuardian);
        guardian = newGuardian;
    }

    function _setParameters(Parameters memory p) private {
        _checkBounds("cooldown", p.cooldown, MIN_COOLDOWN, MAX_COOLDOWN);
        _checkBounds("twapWindow", p.twapWindow, MIN_TWAP_WINDOW, MAX_TWAP_WINDOW);
        _checkBounds("maxTwapDeviation", p.maxTwapDeviation, 1, MAX_TWAP_DEVIATION_LIMIT);
        _checkBounds("maxTickMove", p.maxTickMove, uint24(tickSpacing), MAX_TICK_MOVE_LIMIT);
        _checkBounds("maxWidthChange", p.maxWidthChange, uint24(tickSpacing), MAX_WIDTH_CHANGE_LIMIT);
        _checkBounds("maxSlippageBps", p.maxSlippageBps, 1, MAX_SLIPPAGE_BPS_LIMIT);
        _checkBounds("maxDailyLossBps", p.maxDailyLossBps, 1, MAX_DAILY_LOSS_BPS_LIMIT);
        // A pool writes at most one observation per second, so with more slots than the window has seconds no
        // stream of dust mints or swaps can roll the window's start out of the buffer and make observe revert OLD.
        (,,,, uint16 cardinalityNext,,) = pool.slot0();
        if (cardinalityNext <= p.twapWindow) revert ObservationCardinalityTooLow(cardinalityNext, p.twapWindow);
        parameters = p;
        emit ParametersUpdated(
            p.cooldown, p.twapWindow, p.maxTwapDeviation, p.maxTickMove, p.maxWidthChange, p.maxSlippageBps,
            p.maxDailyLossBps
        );
    }

    /// Stops deposits and rebalances; withdrawals stay open.
    function pause() external {
        if (msg.sender != guardian && msg.sender != owner()) revert NotGuardianOrOwner(msg.sender);
        paused = true;
        emit Paused(msg.sender);
    }

    function unpause() external onlyOwner {
        paused = false;
        emit Unpaused(msg.sender);
    }

    /// Emergency exit: burns the whole position into the idle balances (no swap) and pauses the vault, which stops
    /// deposits and rebalances; withdrawals stay open.
    function exitToIdle() external nonReentrant {
        if (msg.sender != guardian && msg.sender != owner()) revert NotGuardianOrOwner(msg.sender);
        (uint128 liquidity,,) = _exitPosition();
        paused = true;
        emit ExitedToIdle(msg.sender, liquidity);
        emit Paused(msg.sender);
    }

    /// Spends a nonce, so a rebalance signed with it can no longer be sent (a signature that leaked, or one the keeper
    /// decided not to use).
    function cancelNonce(uint256 nonce) external {
        if (msg.sender != keeper && msg.sender != guardian && msg.sender != owner()) {
            revert NotKeeperGuardianOrOwner(msg.sender);
        }
        nonceUsed[nonce] = true;
        emit NonceCancelled(nonce, msg.sender);
    }

    // ------------------------------------------------------------------ deposit and withdraw

    /// Deposits both tokens in the vault's current proportions (position at the pool price, uncollected fees, idle)
    /// and mints shares. The depositor's share of the position's liquidity is added to the pool at once, paid with
    /// their own tokens, so neither the price at which it happens nor rounding dilutes earlier holders.
    /// The first deposit takes both maxima as they are and sets the proportions; MINIMUM_SHARES of it are burnt.
    /// Reverts DeadlineExpired once block.timestamp passes `deadline`; quoteDeposit gives a fair minShares.
    function deposit(uint256 amount0Max, uint256 amount1Max, uint256 minShares, address receiver, uint256 deadline)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 shares, uint256 amount0, uint256 amount1)
    {
        if (block.timestamp > deadline) revert DeadlineExpired(deadline, block.timestamp);
        if (receiver == address(0)) revert ZeroAddress();
        uint128 liquidity = _liquidity();
        uint256 supply = totalSupply();
        uint256 total0;
        uint256 total1;
        if (supply > 0) {
            if (liquidity > 0) pool.burn(tickLower, tickUpper, 0); // brings the position's tokensOwed up to date
            (,,, uint128 owed0, uint128 owed1) = pool.positions(positionKey());
            (uint160 sqrtPrice,,,,,,) = pool.slot0();
            (total0, total1) = _totalsAt(sqrtPrice, liquidity, owed0, owed1);
        }
        (shares, amount0, amount1) = _sharesFor(amount0Max, amount1Max, supply, total0, total1);
        if (supply == 0) {
            if (shares == 0) revert DepositTooSmall(Math.max(amount0, amount1));
            _mint(DEAD_ADDRESS, MINIMUM_SHARES);
        }
        if (shares == 0) revert ZeroShares();
        if (shares < minShares) revert InsufficientShares(shares, minShares);

        if (amount0 > 0) token0.safeTransferFrom(msg.sender, address(this), amount0);
        if (amount1 > 0) token1.safeTransferFrom(msg.sender, address(this), amount1);
        if (liquidity > 0 && supply > 0) {
            uint128 added = SafeCast.toUint128(Math.mulDiv(liquidity, shares, supply));
            if (added > 0) pool.mint(address(this), tickLower, tickUpper, added, "");
        }
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, shares, amount0, amount1);
    }

    /// Burns shares and pays out their exact part: the same fraction of the position's liquidity (burnt in the pool),
    /// of the idle balances, and of all uncollected fees. Open while paused.
    function withdraw(uint256 shares, uint256 amount0Min, uint256 amount1Min, address receiver, uint256 deadline)
        external
        nonReentrant
        returns (uint256 amount0, uint256 amount1)
    {
        if (block.timestamp > deadline) revert DeadlineExpired(deadline, block.timestamp);
        if (shares == 0) revert ZeroShares();
        if (receiver == address(0)) revert ZeroAddress();
        uint256 supply = totalSupply();
        _burn(msg.sender, shares);

        uint128 liquidity = _liquidity();
        uint256 fromPosition0;
        uint256 fromPosition1;
        if (liquidity > 0) {
            uint128 removed = SafeCast.toUint128(Math.mulDiv(liquidity, shares, supply));
            // burn(0) still credits the fees, which collect then moves into the idle balances
            (fromPosition0, fromPosition1) = pool.burn(tickLower, tickUpper, removed);
            _collectAll();
        }
        amount0 = fromPosition0 + Math.mulDiv(token0.balanceOf(address(this)) - fromPosition0, shares, supply);
        amount1 = fromPosition1 + Math.mulDiv(token1.balanceOf(address(this)) - fromPosition1, shares, supply);
        if (amount0 < amount0Min || amount1 < amount1Min) revert InsufficientOutput(amount0, amount1);

        if (amount0 > 0) token0.safeTransfer(receiver, amount0);
        if (amount1 > 0) token1.safeTransfer(receiver, amount1);
        emit Withdraw(msg.sender, receiver, shares, amount0, amount1);
    }

    // ------------------------------------------------------------------ rebalance

    /// Moves the whole vault into [p.tickLower, p.tickUpper]: collects the fees, removes the position, swaps
    /// p.swapAmountIn to re-ratio, and adds as much liquidity as the balances allow (fees are thus compounded). The
    /// empty range [0, 0) leaves the pool instead: everything stays idle, under the same guards.
    /// The vault's value at the TWAP price, positions included as they would stand at that price, may fall by at most
    /// maxSlippageBps; the losses of the last 24 hours add up, and reaching maxDailyLossBps pauses the vault.
    function rebalance(RebalanceParams calldata p, bytes calldata signature) external nonReentrant {
        Parameters memory limits = _checkRebalance(p, signature);
        nonceUsed[p.nonce] = true;

        // The TWAP cannot change within one transaction (the pool writes its observation with the pre-swap tick),
        // so the same TWAP serves the check before and after.
        int24 twap = _twapTick(limits.twapWindow);
        (, int24 tick,,,,,) = pool.slot0();
        if (_distance(tick, twap) > limits.maxTwapDeviation) revert PriceOffTwap(tick, twap);
        uint160 twapSqrtPrice = sqrtPriceAtTick(twap);

        // what the vault held, at the TWAP: the position as it would stand there, fees and idle balances as they are
        (uint128 exited, uint256 principal0, uint256 principal1) = _exitPosition();
        uint256 valueBefore = _valueAt(twapSqrtPrice, _idle0() - principal0, _idle1() - principal1, exited);
        uint256 swapAmountOut = _swap(p);
        uint160 sqrtPrice;
        (sqrtPrice, tick,,,,,) = pool.slot0();
        if (_distance(tick, twap) > limits.maxTwapDeviation) revert PriceOffTwapAfterRebalance(tick, twap);

        lastRebalanceTimestamp = SafeCast.toUint64(block.timestamp);
        uint128 liquidity;
        uint256 amount0;
        uint256 amount1;
        // Leaving the pool keeps the range it left as the one the next entry's move is measured from.
        if (!_leavesPool(p)) {
            tickLower = p.tickLower;
            tickUpper = p.tickUpper;
            (liquidity, amount0, amount1) = _enterPosition(sqrtPrice);
        }
        if (amount0 < p.amount0Min || amount1 < p.amount1Min) revert PositionAmountsTooLow(amount0, amount1);
        _recordValueKept(valueBefore, _valueAt(twapSqrtPrice, _idle0(), _idle1(), liquidity), limits);
        emit Rebalanced(p.nonce, p.tickLower, p.tickUpper, liquidity, amount0, amount1, swapAmountOut);
    }

    /// Every guard that needs no pool state: caller, pause, deadline, nonce, signature, cooldown, range and move.
    function _checkRebalance(RebalanceParams calldata p, bytes calldata signature)
        private
        view
        returns (Parameters memory limits)
    {
        if (msg.sender != keeper) revert NotKeeper(msg.sender);
        if (paused) revert VaultPaused();
        if (block.timestamp > p.deadline) revert DeadlineExpired(p.deadline, block.timestamp);
        if (p.deadline > block.timestamp + MAX_SIGNATURE_LIFETIME) {
            revert DeadlineTooFar(p.deadline, block.timestamp + MAX_SIGNATURE_LIFETIME);
        }
        if (nonceUsed[p.nonce]) revert NonceAlreadyUsed(p.nonce);
        (address signer, ECDSA.RecoverError error) = ECDSA.tryRecover(rebalanceDigest(p), signature);
        if (error != ECDSA.RecoverError.NoError || signer != aiOracle) revert SignerNotAiOracle(signer);
        limits = parameters;
        uint256 readyAt = uint256(lastRebalanceTimestamp) + limits.cooldown;
        if (lastRebalanceTimestamp != 0 && block.timestamp < readyAt) revert CooldownActive(readyAt);
        if (!_leavesPool(p)) {
            _checkRange(p.tickLower, p.tickUpper);
            _checkMove(p.tickLower, p.tickUpper, limits);
        }
    }

    /// The empty range [0, 0) places nothing: the rebalance leaves the pool and holds everything idle.
    function _leavesPool(RebalanceParams calldata p) private pure returns (bool) {
        return p.tickLower == 0 && p.tickUpper == 0;
    }

    /// Refuses a rebalance that lost more than maxSlippageBps of the vault's value at the TWAP, and adds what it lost
    /// to the rolling 24 h loss, pausing the vault once that reaches maxDailyLossBps.
    function _recordValueKept(uint256 valueBefore, uint256 valueAfter, Parameters memory limits) private {
        if (valueAfter >= valueBefore) return;
        if (valueAfter * 10_000 < valueBefore * (10_000 - limits.maxSlippageBps)) {
            revert ValueLossTooHigh(valueBefore, valueAfter);
        }
        uint256 lossBps = Math.mulDiv(valueBefore - valueAfter, 10_000, valueBefore, Math.Rounding.Up);
        uint256 hour = block.timestamp / 1 hours;
        // the buckets of the hours since the newest one are emptied before this hour's is used
        for (uint256 h = uint256(lossHour) + 1; h <= hour && h <= uint256(lossHour) + 24; h++) hourlyLossBps[h % 24] = 0;
        lossHour = SafeCast.toUint32(hour);
        hourlyLossBps[hour % 24] += SafeCast.toUint16(lossBps);
        uint256 total = dailyLossBps();
        if (total >= limits.maxDailyLossBps) {
            paused = true;
            emit DailyLossCapReached(total, limits.maxDailyLossBps);
            emit Paused(address(this));
        }
    }

    // ------------------------------------------------------------------ pool callbacks

    function uniswapV3MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external override {
        _payPool(amount0Owed, amount1Owed);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external override {
        _payPool(amount0Delta > 0 ? uint256(amount0Delta) : 0, amount1Delta > 0 ? uint256(amount1Delta) : 0);
    }

    /// Dragonswap V2 (the Uniswap V3 fork on SEI) calls the same callbacks under its own names.
    function dragonswapV2MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        _payPool(amount0Owed, amount1Owed);
    }

    function dragonswapV2SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        _payPool(amount0Delta > 0 ? uint256(amount0Delta) : 0, amount1Delta > 0 ? uint256(amount1Delta) : 0);
    }

    /// Pays what the pool asks in a callback. Only the vault's pool may ask, and a pool calls back only whoever called
    /// it, so this runs only inside the vault's own mint and swap.
    function _payPool(uint256 amount0, uint256 amount1) private {
        if (msg.sender != address(pool)) revert NotPool(msg.sender);
        if (amount0 > 0) token0.safeTransfer(msg.sender, amount0);
        if (amount1 > 0) token1.safeTransfer(msg.sender, amount1);
    }

    // ------------------------------------------------------------------ views for the keeper (one Multicall3 batch)

    /// The EIP-712 digest the aiOracle signs: domain {name "YieldDeltaVault", version "1", chainId, this address}.
    function rebalanceDigest(RebalanceParams calldata p) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(REBALANCE_TYPEHASH, p)));
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// The position as the pool records it, and the fees it has earned but the vault has not collected.
    function position()
        external
        view
        returns (int24 lower, int24 upper, uint128 liquidity, uint256 fees0, uint256 fees1)
    {
        (lower, upper) = (tickLower, tickUpper);
        (liquidity, fees0, fees1) = _positionWithFees();
    }

    function idleBalances() external view returns (uint256 idle0, uint256 idle1) {
        return (_idle0(), _idle1());
    }

    /// Everything the shares own, at the pool's current price: position (rounded down) + uncollected fees + idle.
    function totalAmounts() external view returns (uint256 total0, uint256 total1) {
        (uint128 liquidity, uint256 fees0, uint256 fees1) = _positionWithFees();
        (uint160 sqrtPrice,,,,,,) = pool.slot0();
        (total0, total1) = amountsForLiquidity(
            sqrtPrice, sqrtPriceAtTick(tickLower), sqrtPriceAtTick(tickUpper), liquidity, false
        );
        total0 += fees0 + _idle0();
        total1 += fees1 + _idle1();
    }

    /// Rebalance losses of the last 24 hours (this hour and the 23 before), in bps of the vault's value at the TWAP.
    function dailyLossBps() public view returns (uint256 total) {
        uint256 hour = block.timestamp / 1 hours;
        // the buckets hold the 24 hours up to lossHour: those from 23 hours ago to lossHour count
        for (uint256 h = hour - 23; h <= lossHour; h++) total += hourlyLossBps[h % 24];
    }

    /// What deposit(amount0Max, amount1Max, …) would mint and take were the pool price at the TWAP: a front end sets
    /// minShares a tolerance below these shares, so a deposit into a pushed price reverts instead of paying for it.
    function quoteDeposit(uint256 amount0Max, uint256 amount1Max)
        external
        view
        returns (uint256 shares, uint256 amount0, uint256 amount1)
    {
        uint256 supply = totalSupply();
        uint256 total0;
        uint256 total1;
        if (supply > 0) {
            (uint128 liquidity, uint256 fees0, uint256 fees1) = _positionWithFees();
            (total0, total1) = _totalsAt(sqrtPriceAtTick(_twapTick(parameters.twapWindow)), liquidity, fees0, fees1);
        }
        return _sharesFor(amount0Max, amount1Max, supply, total0, total1);
    }

    /// The arithmetic-mean tick over the configured window (rounded toward negative infinity), as rebalance uses it.
    function twapTick() external view returns (int24) {
        return _twapTick(parameters.twapWindow);
    }

    function positionKey() public view returns (bytes32) {
        return keccak256(abi.encodePacked(address(this), tickLower, tickUpper));
    }

    // ------------------------------------------------------------------ internals

    function _liquidity() private view returns (uint128 liquidity) {
        (liquidity,,,,) = pool.positions(positionKey());
    }

    function _idle0() private view returns (uint256) {
        return token0.balanceOf(address(this));
    }

    function _idle1() private view returns (uint256) {
        return token1.balanceOf(address(this));
    }

    /// Position amounts at sqrtPrice rounded up (what minting it would cost) + fees + idle: a depositor pays at least
    /// their exact part.
    function _totalsAt(uint160 sqrtPrice, uint128 liquidity, uint256 fees0, uint256 fees1)
        private
        view
        returns (uint256 total0, uint256 total1)
    {
        if (liquidity > 0) {
            (total0, total1) = amountsForLiquidity(
                sqrtPrice, sqrtPriceAtTick(tickLower), sqrtPriceAtTick(tickUpper), liquidity, true
            );
        }
        total0 += fees0 + _idle0();
        total1 += fees1 + _idle1();
    }

    /// The shares amount0Max and amount1Max buy and what they cost, given the vault's totals. The first deposit takes
    /// both maxima as they are and mints the larger less MINIMUM_SHARES (none if that leaves nothing); later ones get
    /// the smaller of the two proportions and pay their shares' part of each total, rounded up.
    function _sharesFor(uint256 amount0Max, uint256 amount1Max, uint256 supply, uint256 total0, uint256 total1)
        private
        pure
        returns (uint256 shares, uint256 amount0, uint256 amount1)
    {
        if (supply == 0) {
            uint256 minted = Math.max(amount0Max, amount1Max);
            return (minted > MINIMUM_SHARES ? minted - MINIMUM_SHARES : 0, amount0Max, amount1Max);
        }
        shares = type(uint256).max;
        if (total0 > 0) shares = Math.mulDiv(amount0Max, supply, total0);
        if (total1 > 0) shares = Math.min(shares, Math.mulDiv(amount1Max, supply, total1));
        if (shares == type(uint256).max) shares = 0; // nothing left to be proportional to
        amount0 = Math.mulDiv(shares, total0, supply, Math.Rounding.Up);
        amount1 = Math.mulDiv(shares, total1, supply, Math.Rounding.Up);
    }

    /// Liquidity, and tokens owed plus the fees accrued since the pool last updated the position (the pool's own
    /// Position.update arithmetic, done here without a transaction).
    function _positionWithFees() private view returns (uint128 liquidity, uint256 fees0, uint256 fees1) {
        uint256 last0;
        uint256 last1;
        (liquidity, last0, last1, fees0, fees1) = pool.positions(positionKey());
        if (liquidity == 0) return (liquidity, fees0, fees1);
        (uint256 inside0, uint256 inside1) = _feeGrowthInside();
        unchecked {
            fees0 += Math.mulDiv(inside0 - last0, liquidity, 1 << 128);
            fees1 += Math.mulDiv(inside1 - last1, liquidity, 1 << 128);
        }
    }

    function _feeGrowthInside() private view returns (uint256 inside0, uint256 inside1) {
        (, int24 tick,,,,,) = pool.slot0();
        (,, uint256 lower0, uint256 lower1,,,,) = pool.ticks(tickLower);
        (,, uint256 upper0, uint256 upper1,,,,) = pool.ticks(tickUpper);
        uint256 global0 = pool.feeGrowthGlobal0X128();
        uint256 global1 = pool.feeGrowthGlobal1X128();
        unchecked {
            // growth below the lower tick and above the upper tick, from each tick's "outside" record
            if (tick < tickLower) (lower0, lower1) = (global0 - lower0, global1 - lower1);
            if (tick >= tickUpper) (upper0, upper1) = (global0 - upper0, global1 - upper1);
            inside0 = global0 - lower0 - upper0;
            inside1 = global1 - lower1 - upper1;
        }
    }

    function _collectAll() private returns (uint256 collected0, uint256 collected1) {
        (collected0, collected1) =
            pool.collect(address(this), tickLower, tickUpper, type(uint128).max, type(uint128).max);
    }

    /// Removes all liquidity and collects principal and fees into the idle balances.
    function _exitPosition() private returns (uint128 liquidity, uint256 principal0, uint256 principal1) {
        liquidity = _liquidity();
        if (liquidity == 0) return (0, 0, 0);
        (principal0, principal1) = pool.burn(tickLower, tickUpper, liquidity);
        (uint256 collected0, uint256 collected1) = _collectAll();
        emit FeesCollected(collected0 - principal0, collected1 - principal1);
    }

    /// amount0 and amount1 plus `liquidity` in the stored range, all as they would stand at sqrtPrice, in token1.
    function _valueAt(uint160 sqrtPrice, uint256 amount0, uint256 amount1, uint128 liquidity)
        private
        view
        returns (uint256)
    {
        if (liquidity > 0) {
            (uint256 inRange0, uint256 inRange1) = amountsForLiquidity(
                sqrtPrice, sqrtPriceAtTick(tickLower), sqrtPriceAtTick(tickUpper), liquidity, false
            );
            (amount0, amount1) = (amount0 + inRange0, amount1 + inRange1);
        }
        return valueInToken1(amount0, amount1, sqrtPrice);
    }

    /// Puts the most liquidity the idle balances pay for into the current range.
    function _enterPosition(uint160 sqrtPrice) private returns (uint128 liquidity, uint256 amount0, uint256 amount1) {
        liquidity = liquidityForAmounts(
            sqrtPrice, sqrtPriceAtTick(tickLower), sqrtPriceAtTick(tickUpper), _idle0(), _idle1()
        );
        if (liquidity > 0) (amount0, amount1) = pool.mint(address(this), tickLower, tickUpper, liquidity, "");
    }

    function _swap(RebalanceParams calldata p) private returns (uint256 amountOut) {
        if (p.swapAmountIn == 0) return 0;
        // No price limit here: the post-swap TWAP check and the value bound decide whether the outcome stands.
        uint160 limit = p.zeroForOne ? sqrtPriceAtTick(MIN_TICK) + 1 : sqrtPriceAtTick(MAX_TICK) - 1;
        (int256 delta0, int256 delta1) =
            pool.swap(address(this), p.zeroForOne, SafeCast.toInt256(p.swapAmountIn), limit, "");
        amountOut = SafeCast.toUint256(-(p.zeroForOne ? delta1 : delta0));
        if (amountOut < p.swapAmountOutMin) revert SwapOutputTooLow(amountOut, p.swapAmountOutMin);
    }

    function _twapTick(uint32 window) private view returns (int24) {
        uint32[] memory secondsAgo = new uint32[](2);
        secondsAgo[0] = window;
        (int56[] memory cumulatives,) = pool.observe(secondsAgo);
        int56 delta = cumulatives[1] - cumulatives[0];
        int56 mean = delta / int56(uint56(window));
        if (delta < 0 && delta % int56(uint56(window)) != 0) mean--;
        return SafeCast.toInt24(mean);
    }

    function _checkRange(int24 lower, int24 upper) private view {
        if (
            lower >= upper || lower < MIN_TICK || upper > MAX_TICK || lower % tickSpacing != 0
                || upper % tickSpacing != 0
        ) revert InvalidRange(lower, upper);
    }

    function _checkMove(int24 lower, int24 upper, Parameters memory limits) private view {
        // centres doubled to stay in integers
        uint256 move = _distance(int256(lower) + upper, int256(tickLower) + tickUpper) / 2;
        if (move > limits.maxTickMove) revert TickMoveTooLarge(move, limits.maxTickMove);
        uint256 widthChange = _distance(int256(upper) - lower, int256(tickUpper) - tickLower);
        if (widthChange > limits.maxWidthChange) revert WidthChangeTooLarge(widthChange, limits.maxWidthChange);
    }

    function _checkBounds(string memory name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ParameterOutOfBounds(name, value);
    }

    function _distance(int256 a, int256 b) private pure returns (uint256) {
        return a > b ? uint256(a - b) : uint256(b - a);
    }
}
