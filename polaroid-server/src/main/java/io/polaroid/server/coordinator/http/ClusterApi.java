package io.polaroid.server.coordinator.http;

import io.polaroid.engine.types.ArrowTypes;
import io.polaroid.server.coordinator.QueryManager;
import io.polaroid.server.coordinator.WorkerInfos;
import io.polaroid.server.coordinator.CoordinatorOnly;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cluster over HTTP, as the console shows it: the caller's queries (state, progress, stages),
 * cancelling one, the live workers, and the catalog's tables with their schemas. Each answer is
 * the gRPC API's message as JSON where there is one.
 */
@CoordinatorOnly
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public final class ClusterApi {
    private final QueryManager queries;

    public ClusterApi(QueryManager queries) {
        this.queries = queries;
    }

    /** The caller's queries, running and remembered ({@code polaroid.scheduler.query-history}), the newest first. */
    @GetMapping("/queries")
    public String list(HttpServletRequest request) {
        return ApiJson.list("queries", queries.list(QueryApi.caller(request)));
    }

    @GetMapping("/queries/{id}")
    public String status(@PathVariable("id") String id, HttpServletRequest request) {
        request.setAttribute(QueryApi.QUERY_ID_ATTRIBUTE, id);
        return ApiJson.of(queries.status(id, QueryApi.caller(request)));
    }

    /** Cancels a running query of the caller's; {@code cancelled} is false when it has none running by that id. */
    @PostMapping("/queries/{id}/cancel")
    public Map<String, Object> cancel(@PathVariable("id") String id, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queryId", id);
        body.put("cancelled", queries.cancel(id, QueryApi.caller(request)));
        return body;
    }

    @GetMapping("/workers")
    public String workers() {
        return ApiJson.of(WorkerInfos.of(queries.registry()));
    }

    /** The catalog's tables, each with its columns' names, Polaroid types and nullability. */
    @GetMapping("/catalog")
    public Map<String, Object> catalog() {
        List<Map<String, Object>> tables = new ArrayList<>();
        for (String name : queries.catalog().names()) {
            List<Map<String, Object>> fields = new ArrayList<>();
            for (Field f : queries.schema(queries.catalog().tablePlan(name)).getFields()) {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("name", f.getName());
                field.put("type", ArrowTypes.fromArrow(f.getType()).toString());
                field.put("nullable", f.isNullable());
                fields.add(field);
            }
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("name", name);
            table.put("fields", fields);
            tables.add(table);
        }
        return Map.of("tables", tables);
    }
}
