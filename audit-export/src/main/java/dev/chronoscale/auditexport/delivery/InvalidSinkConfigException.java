package dev.chronoscale.auditexport.delivery;

/** A sink's configuration cannot work; the message names the sink and the key. */
public class InvalidSinkConfigException extends IllegalArgumentException {
    public InvalidSinkConfigException(SinkConfig sink, String problem) {
        super("audit sink '" + sink.name() + "' (" + sink.type() + "): " + problem);
    }
}
