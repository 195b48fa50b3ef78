package dev.chronoscale.gateway.noise;

import dev.chronoscale.gateway.noise.NoiseWireFormat.Initiation;
import dev.chronoscale.gateway.noise.NoiseWireFormat.Response;
import java.nio.charset.StandardCharsets;

/**
 * Tailscale's Noise IK handshake (controlbase), both roles.
 *
 * <pre>
 *   prologue: "Tailscale Control Protocol v" + decimal(version from the initiation header)
 *   &lt;- s
 *   ...
 *   -&gt; e, es, s, ss      (initiation, client to server)
 *   &lt;- e, ee, se         (response, server to client)
 * </pre>
 *
 * The version is not checked here: like Tailscale's server, we let the handshake agree on it and
 * leave the decision to whoever holds the {@link NoiseSession}.
 */
public final class NoiseHandshake {

    static final String PROLOGUE_PREFIX = "Tailscale Control Protocol v";

    private NoiseHandshake() {
    }

    /** The server's result: the message to send back and the session it opens. */
    public record Accepted(Response response, NoiseSession session) {
    }

    /**
     * Answers a client's initiation as the server.
     *
     * @param serverEphemeral a fresh key per handshake; tests pass a recorded one to replay vectors
     */
    public static Accepted respond(Initiation init, NoiseKeyPair serverStatic, NoiseKeyPair serverEphemeral)
            throws NoiseHandshakeException {
        SymmetricState s = new SymmetricState();
        s.mixHash(prologue(init.protocolVersion()));
        s.mixHash(serverStatic.publicKey().bytes());

        // -> e, es, s, ss
        MachinePublicKey clientEphemeral = new MachinePublicKey(init.ephemeralPublic());
        s.mixHash(clientEphemeral.bytes());
        byte[] k = s.mixDh(serverStatic, clientEphemeral);
        MachinePublicKey machineKey = new MachinePublicKey(s.decryptAndHash(k, init.sealedMachineKey()));
        k = s.mixDh(serverStatic, machineKey);
        s.decryptAndHash(k, init.tag());

        // <- e, ee, se
        s.mixHash(serverEphemeral.publicKey().bytes());
        s.mixDh(serverEphemeral, clientEphemeral);
        k = s.mixDh(serverEphemeral, machineKey);
        byte[] tag = s.encryptAndHash(k, new byte[0]);

        byte[] hash = s.handshakeHash();
        byte[][] keys = s.split();
        NoiseSession session = new NoiseSession(machineKey, init.protocolVersion(), hash, keys[1], keys[0]);
        return new Accepted(new Response(serverEphemeral.publicKey().bytes(), tag), session);
    }

    /** Starts a handshake as the client; send {@link Initiator#initiation()}, then call finish. */
    public static Initiator initiate(NoiseKeyPair machineKey, MachinePublicKey controlKey, int protocolVersion,
                                     NoiseKeyPair clientEphemeral) throws NoiseHandshakeException {
        SymmetricState s = new SymmetricState();
        s.mixHash(prologue(protocolVersion));
        s.mixHash(controlKey.bytes());

        s.mixHash(clientEphemeral.publicKey().bytes());
        byte[] k = s.mixDh(clientEphemeral, controlKey);
        byte[] sealedMachineKey = s.encryptAndHash(k, machineKey.publicKey().bytes());
        k = s.mixDh(machineKey, controlKey);
        byte[] tag = s.encryptAndHash(k, new byte[0]);

        Initiation init = new Initiation(protocolVersion, clientEphemeral.publicKey().bytes(), sealedMachineKey, tag);
        return new Initiator(s, init, machineKey, clientEphemeral, controlKey);
    }

    /** The client half between sending the initiation and reading the response; usable once. */
    public static final class Initiator {

        private final SymmetricState state;
        private final Initiation initiation;
        private final NoiseKeyPair machineKey;
        private final NoiseKeyPair ephemeral;
        private final MachinePublicKey controlKey;

        private Initiator(SymmetricState state, Initiation initiation, NoiseKeyPair machineKey,
                          NoiseKeyPair ephemeral, MachinePublicKey controlKey) {
            this.state = state;
            this.initiation = initiation;
            this.machineKey = machineKey;
            this.ephemeral = ephemeral;
            this.controlKey = controlKey;
        }

        public Initiation initiation() {
            return initiation;
        }

        public NoiseSession finish(Response response) throws NoiseHandshakeException {
            MachinePublicKey serverEphemeral = new MachinePublicKey(response.ephemeralPublic());
            state.mixHash(serverEphemeral.bytes());
            state.mixDh(ephemeral, serverEphemeral);
            byte[] k = state.mixDh(machineKey, serverEphemeral);
            state.decryptAndHash(k, response.tag());
            byte[] hash = state.handshakeHash();
            byte[][] keys = state.split();
            return new NoiseSession(controlKey, initiation.protocolVersion(), hash, keys[0], keys[1]);
        }
    }

    static byte[] prologue(int protocolVersion) {
        return (PROLOGUE_PREFIX + protocolVersion).getBytes(StandardCharsets.US_ASCII);
    }
}
