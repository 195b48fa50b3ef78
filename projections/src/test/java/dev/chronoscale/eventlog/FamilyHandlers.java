package dev.chronoscale.eventlog;

import dev.chronoscale.domain.DomainEvent;
import dev.chronoscale.domain.event.EventFamilies;
import org.axonframework.eventhandling.EventHandler;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The event families a projection class has an {@code @EventHandler} for. Within a family the handler's
 * switch is exhaustive (the compiler checks it); this checks that no family is left out.
 */
public final class FamilyHandlers {

    private FamilyHandlers() {
    }

    public static List<Class<?>> handledFamilies(Class<?> projection) {
        List<Class<?>> families = new ArrayList<>();
        for (Method method : projection.getDeclaredMethods()) {
            if (method.isAnnotationPresent(EventHandler.class) && method.getParameterCount() > 0
                    && EventFamilies.ALL.contains(method.getParameterTypes()[0])) {
                families.add(method.getParameterTypes()[0]);
            }
        }
        return families;
    }
}
