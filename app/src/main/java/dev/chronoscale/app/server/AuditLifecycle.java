package dev.chronoscale.app.server;

import dev.chronoscale.auditexport.delivery.AuditChainFollower;
import dev.chronoscale.auditexport.delivery.SinkDelivery;
import org.springframework.context.SmartLifecycle;

import java.util.List;

/** Starts the chain follower and the sink deliveries once the database is migrated; stops them first on shutdown. */
public final class AuditLifecycle implements SmartLifecycle {

    private final AuditChainFollower follower;
    private final List<SinkDelivery> deliveries;
    private volatile boolean running;

    AuditLifecycle(AuditChainFollower follower, List<SinkDelivery> deliveries) {
        this.follower = follower;
        this.deliveries = deliveries;
    }

    @Override
    public void start() {
        deliveries.forEach(SinkDelivery::start);
        follower.start();
        running = true;
    }

    @Override
    public void stop() {
        follower.close();
        deliveries.forEach(SinkDelivery::close);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
