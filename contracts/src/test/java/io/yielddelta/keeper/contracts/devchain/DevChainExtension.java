package io.yielddelta.keeper.contracts.devchain;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One anvil chain per test JVM with the Uniswap V3 stack deployed once; every test starts from that same state
 * ({@code evm_revert} to a snapshot taken after deployment). Inject {@link DevChain} or {@link UniswapV3Stack} as
 * test or constructor parameters:
 *
 * <pre>{@code @ExtendWith(DevChainExtension.class) class MyIT { @Test void t(UniswapV3Stack uniswap) {…} } }</pre>
 *
 * The chain stops when the JVM exits (and anvil's watchdog kills it even if the JVM is killed).
 */
public final class DevChainExtension implements BeforeEachCallback, ParameterResolver {

    private static final class Shared {
        static final DevChain CHAIN = DevChain.start();
        static final UniswapV3Stack UNISWAP = UniswapV3Stack.deploy(CHAIN, CHAIN.account(0));
        static String baseSnapshot = CHAIN.snapshot();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(CHAIN::close, "devchain-stop"));
        }

        static synchronized void resetToBase() {
            CHAIN.revert(baseSnapshot);
            baseSnapshot = CHAIN.snapshot();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Shared.resetToBase();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DevChain.class || type == UniswapV3Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DevChain.class ? Shared.CHAIN : Shared.UNISWAP;
    }
}
