package io.polaroid.server.common;

import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.io.DataSource;
import io.polaroid.engine.io.SourceResolver;

/** Resolves scans like the engine does, after checking that every path is under a data root. */
public record ConfinedSourceResolver(SourceResolver inner, DataRoots roots) implements SourceResolver {
    @Override
    public DataSource resolve(PlanNode.Scan scan) {
        scan.paths().forEach(roots::check);
        return inner.resolve(scan);
    }

    @Override
    public DataSource resolve(PlanNode.InMemory rows) {
        return inner.resolve(rows);
    }
}
