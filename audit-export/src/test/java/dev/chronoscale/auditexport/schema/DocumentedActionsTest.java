package dev.chronoscale.auditexport.schema;

import dev.chronoscale.domain.DomainEvent;
import dev.chronoscale.domain.event.EventFamilies;
import dev.chronoscale.eventlog.LoggedEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/audit.md lists the action of every event type; each type of every event family must have its row and
 * map to that action. An event type added without deciding its audit record fails here.
 */
class DocumentedActionsTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+\\.[a-z_]+)` \\| ([A-Za-z]+) \\|", Pattern.MULTILINE);

    private static Map<String, String> documentedActions() throws IOException {
        String doc = Files.readString(Path.of("../docs/audit.md"));
        Map<String, String> actions = new HashMap<>();
        Matcher row = ROW.matcher(doc);
        while (row.find()) {
            actions.put(row.group(2), row.group(1));
        }
        return actions;
    }

    @Test
    void everyEventTypeMapsToItsDocumentedAction() throws Exception {
        Map<String, String> documented = documentedActions();
        AuditRecordMapper mapper = new AuditRecordMapper(EventContext.NONE);
        List<String> types = new ArrayList<>();
        for (Class<? extends DomainEvent> family : EventFamilies.ALL) {
            for (Class<?> type : family.getPermittedSubclasses()) {
                types.add(type.getSimpleName());
                assertThat(documented).as("docs/audit.md has a row for " + type.getSimpleName())
                        .containsKey(type.getSimpleName());
                AuditRecord record = mapper.map(new LoggedEvent(1, "e", Instant.EPOCH, "a", 0, sample(type), Map.of()));
                assertThat(record.action()).as(type.getSimpleName()).isEqualTo(documented.get(type.getSimpleName()));
                assertThat(record.target().id()).as(type.getSimpleName() + " target").isNotEmpty();
            }
        }
        assertThat(types).hasSizeGreaterThan(20);
    }

    /** A record of {@code type} with plain values in every component. */
    private static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
            values[i] = value(components[i].getType());
        }
        Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
        return constructor.newInstance(values);
    }

    private static Object value(Class<?> type) throws Exception {
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type == String.class) {
            return "x";
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Instant.class) {
            return Instant.EPOCH;
        }
        if (type == Duration.class) {
            return Duration.ofDays(1);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type.isRecord()) {
            return sample(type);
        }
        throw new AssertionError("no sample value for " + type.getName());
    }
}
