package io.polaroid.engine.functions;

import io.polaroid.engine.expr.ScalarFn;
import java.util.List;
import java.util.Map;

/**
 * The home of a family of functions (strings, dates, arithmetic, ...): every function's names and
 * type rule, and the kernel of every resolved function ({@link ScalarFn}) its rules produce.
 * Adding a function means adding it here, to {@link ScalarFn} if it needs a new kernel, and to the
 * SDKs, which a test checks against the catalog.
 */
public interface FunctionFamily {
    /** The family's name in the catalog: {@code strings}. */
    String name();

    List<FunctionDef> functions();

    /** The kernels of the resolved functions this family's rules bind to. */
    Map<ScalarFn, Kernel> kernels();
}
