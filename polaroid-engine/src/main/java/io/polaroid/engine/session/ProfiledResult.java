package io.polaroid.engine.session;

import io.polaroid.engine.exec.OperatorTiming;
import java.util.List;

/** A query's result and what each of its operators did, root first ({@link QueryEngine#profile}). */
public record ProfiledResult(QueryResult result, List<OperatorTiming> operators) {
}
