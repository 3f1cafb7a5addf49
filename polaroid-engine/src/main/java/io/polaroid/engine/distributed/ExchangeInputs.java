package io.polaroid.engine.distributed;

import io.polaroid.engine.io.Morsel;
import io.polaroid.engine.types.Schema;
import java.util.List;

/**
 * Where one task finds the output of the stages it reads: for each input stage, the partitions of
 * every producing task that this task consumes, as morsels in producer-task order (so a gather
 * keeps data order). In a cluster they are Flight streams from the workers that hold them.
 */
public interface ExchangeInputs {
    List<Morsel> partitions(int stageId, Schema schema);
}
