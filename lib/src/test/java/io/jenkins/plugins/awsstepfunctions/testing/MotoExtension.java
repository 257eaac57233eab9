package io.jenkins.plugins.awsstepfunctions.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One moto server for the whole test run, reset before each test class that uses it.
 * Test methods, constructors and lifecycle methods receive it as a {@link MotoServer} parameter.
 *
 * <p>The Python interpreter is {@code -Dmoto.python} (default {@code python3}).
 */
public final class MotoExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /** The run-wide server; the root store closes it (stopping the process) when the run ends. */
    private static MotoServer server(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(
                        MotoServer.class,
                        type -> MotoServer.start(System.getProperty("moto.python", "python3")),
                        MotoServer.class);
    }
}
