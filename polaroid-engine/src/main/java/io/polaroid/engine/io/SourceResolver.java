package io.polaroid.engine.io;

import io.polaroid.engine.dsl.PlanNode;

/** Turns the scans of a plan into data sources: reads their schemas and lists their files. */
public interface SourceResolver {
    DataSource resolve(PlanNode.Scan scan);

    DataSource resolve(PlanNode.InMemory rows);
}
