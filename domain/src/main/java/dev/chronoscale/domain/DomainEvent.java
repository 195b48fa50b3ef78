package dev.chronoscale.domain;

/**
 * Every event the write model records. Each aggregate has one sealed family (listed in
 * {@link dev.chronoscale.domain.event.EventFamilies}); consumers switch over a family exhaustively, so a new
 * event type is a compile error in every consumer that neither handles nor explicitly ignores it. Each event is a record carrying Axon's {@code @Revision}; how an event
 * may change is in docs/contributing.md ("Changing an event").
 *
 * <p>This interface itself cannot be sealed: Java seals across packages only inside a named module, and the
 * families live with their aggregates.
 */
public interface DomainEvent {
}
