package dev.chronoscale.domain.tailnet;

import dev.chronoscale.domain.DomainEvent;

/**
 * The events of tailnet-wide settings, the record of each compliance report generated, and of the import that seeded the tailnet. The records live in {@link TailnetEvents}, whose nested binary names are
 * the stored payload types: never move or rename them; change one only with a new revision and an upcaster.
 */
public sealed interface TailnetEvent extends DomainEvent permits
        TailnetEvents.TailnetConfigured, TailnetEvents.ReportGenerated, TailnetEvents.TailnetImported,
        TailnetEvents.LoginRefused {
}
