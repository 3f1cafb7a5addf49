package io.polaroid.server.coordinator.flightsql;

import io.polaroid.server.coordinator.QueryManager;
import io.polaroid.server.security.Caller;
import io.polaroid.server.security.TicketSigner;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;

/**
 * {@code CancelFlightInfo}: the client is done with a result (or gave up on it). The queries are
 * named by the FlightInfo's tickets; each ticket must be valid for the caller's credential, so
 * only whoever may read a result can end it. A query still running is cancelled, a finished
 * one has its results freed on the workers now.
 */
final class ResultRelease {
    private final QueryManager queries;
    private final TicketSigner tickets;

    ResultRelease(QueryManager queries, TicketSigner tickets) {
        this.queries = queries;
        this.tickets = tickets;
    }

    CancelStatus release(FlightInfo info) {
        Caller caller = Caller.current();
        Set<String> ids = new LinkedHashSet<>();
        for (FlightEndpoint e : info.getEndpoints()) {
            if (FlightSqlRouter.isFlightSql(e.getTicket().getBytes())) {
                continue; // a catalog listing: served whole at once, nothing to end
            }
            ids.add(tickets.redeem(e.getTicket().getBytes(), caller).queryId());
        }
        boolean released = !ids.isEmpty();
        for (String id : ids) {
            released &= queries.release(id, caller);
        }
        return released ? CancelStatus.CANCELLED : CancelStatus.NOT_CANCELLABLE;
    }
}
