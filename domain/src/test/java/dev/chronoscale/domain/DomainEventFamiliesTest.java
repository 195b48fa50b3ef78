package dev.chronoscale.domain;

import dev.chronoscale.domain.event.EventFamilies;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape every stored event must have: a record in one sealed family, with a revision. */
class DomainEventFamiliesTest {

    static List<Class<?>> allEvents() {
        List<Class<?>> events = new ArrayList<>();
        for (Class<? extends DomainEvent> family : EventFamilies.ALL) {
            events.addAll(List.of(family.getPermittedSubclasses()));
        }
        return events;
    }

    @Test
    void everyFamilyIsSealed() {
        assertThat(EventFamilies.ALL).allSatisfy(family -> assertThat(family.isSealed()).as(family.getName()).isTrue());
    }

    @Test
    void everyEventIsARecordWithARevision() {
        assertThat(allEvents()).isNotEmpty().allSatisfy(event -> {
            assertThat(event.isRecord()).as(event.getName() + " is a record").isTrue();
            Revision revision = event.getAnnotation(Revision.class);
            assertThat(revision).as(event.getName() + " carries @Revision").isNotNull();
            assertThat(revision.value()).matches("[1-9][0-9]*");
        });
    }

    @Test
    void everyEventBelongsToExactlyOneFamily() {
        for (Class<?> event : allEvents()) {
            long families = EventFamilies.ALL.stream().filter(f -> f.isAssignableFrom(event)).count();
            assertThat(families).as(event.getName()).isEqualTo(1);
        }
    }

    /** Stored payload types are these binary names: a rename would orphan every stored event of the type. */
    @Test
    void eventsKeepTheirStoredNames() {
        assertThat(allEvents()).allSatisfy(event ->
                assertThat(event.getName()).matches("dev\\.chronoscale\\.domain\\.[a-z]+\\.[A-Za-z]+Events\\$[A-Za-z]+"));
    }
}
