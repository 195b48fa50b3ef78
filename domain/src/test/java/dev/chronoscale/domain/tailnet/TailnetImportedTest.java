package dev.chronoscale.domain.tailnet;

import dev.chronoscale.domain.DomainException.Kind;
import dev.chronoscale.domain.tailnet.TailnetCommands.RecordImport;
import dev.chronoscale.domain.tailnet.TailnetEvents.TailnetImported;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.chronoscale.domain.DomainMatchers.domainException;

class TailnetImportedTest {

    private static final String SOURCE = "headscale sqlite:/var/lib/headscale/db.sqlite";
    private final AggregateTestFixture<TailnetAggregate> fixture = new AggregateTestFixture<>(TailnetAggregate.class);

    private static RecordImport recordImport() {
        return new RecordImport(SOURCE, "202505141324", 3, 3, 6, 1, true, List.of("pre-auth key 7: it has no user"));
    }

    @Test
    void anImportIsRecordedWithWhatItCarriedAndLeftBehind() {
        fixture.givenNoPriorActivity()
                .when(recordImport())
                .expectEvents(new TailnetImported(SOURCE, "202505141324", 3, 3, 6, 1, true,
                        List.of("pre-auth key 7: it has no user")));
    }

    @Test
    void aTailnetIsImportedOnce() {
        fixture.given(new TailnetImported(SOURCE, "202505141324", 3, 3, 6, 1, true, List.of()))
                .when(recordImport())
                .expectException(domainException(Kind.CONFLICT, "already imported"));
    }

    @Test
    void anImportMustNameItsSource() {
        fixture.givenNoPriorActivity()
                .when(new RecordImport(" ", "x", 0, 0, 0, 0, false, List.of()))
                .expectException(domainException(Kind.INVALID, "name its source"));
    }
}
