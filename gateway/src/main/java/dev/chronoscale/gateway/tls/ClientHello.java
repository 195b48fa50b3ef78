package dev.chronoscale.gateway.tls;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a TLS ClientHello asks for before any certificate is chosen: the server name (SNI) and the
 * application protocols offered (ALPN). An ACME server validating TLS-ALPN-01 offers only
 * {@code acme-tls/1} and must get the challenge certificate instead of the served one.
 *
 * <pre>
 *   ClientHello body (RFC 8446 4.1.2; the handshake header is already stripped):
 *     legacy_version (2) | random (32) | session_id (1 + n) | cipher_suites (2 + n)
 *     | compression_methods (1 + n) | extensions (2 + n), each: type (2) | length (2) | data
 *   server_name (type 0):  list length (2) | name_type (1, 0 = host_name) | length (2) | name
 *   ALPN (type 16):        list length (2) | then per protocol: length (1) | name
 * </pre>
 */
public record ClientHello(Optional<String> serverName, List<String> applicationProtocols) {

    /** The ALPN protocol an ACME server offers when it validates a TLS-ALPN-01 challenge (RFC 8737). */
    public static final String ACME_TLS_1 = "acme-tls/1";

    private static final int SERVER_NAME = 0;
    private static final int ALPN = 16;
    private static final int HOST_NAME = 0;

    public ClientHello {
        serverName = serverName.map(name -> name.toLowerCase(Locale.ROOT));
        applicationProtocols = List.copyOf(applicationProtocols);
    }

    public boolean isAcmeValidation() {
        return applicationProtocols.equals(List.of(ACME_TLS_1));
    }

    /**
     * Reads {@code body} (readable bytes: the ClientHello without its handshake header) without moving its
     * reader index. A message too short for what it declares reads as far as it goes: the TLS engine that
     * follows refuses it properly.
     */
    public static ClientHello parse(ByteBuf body) {
        Reader in = new Reader(body);
        Optional<String> serverName = Optional.empty();
        List<String> protocols = new ArrayList<>();
        if (!in.skip(2 + 32) || !in.skip(in.u8()) || !in.skip(in.u16()) || !in.skip(in.u8())) {
            return new ClientHello(serverName, protocols);
        }
        int extensionsEnd = Math.min(in.position + in.u16(), in.end);
        while (in.position + 4 <= extensionsEnd) {
            int type = in.u16();
            int length = in.u16();
            int dataEnd = in.position + length;
            if (dataEnd > extensionsEnd) {
                break;
            }
            if (type == SERVER_NAME && length >= 5) {
                in.skip(2);
                if (in.u8() == HOST_NAME) {
                    int nameLength = in.u16();
                    if (in.position + nameLength <= dataEnd) {
                        serverName = Optional.of(in.ascii(nameLength));
                    }
                }
            } else if (type == ALPN && length >= 2) {
                int listEnd = Math.min(in.position + 2 + in.u16(), dataEnd);
                while (in.position < listEnd) {
                    int nameLength = in.u8();
                    if (in.position + nameLength > listEnd) {
                        break;
                    }
                    protocols.add(in.ascii(nameLength));
                }
            }
            in.position = dataEnd;
        }
        return new ClientHello(serverName, protocols);
    }

    /** Absolute reads over the buffer, so the caller's reader index stays where it was. */
    private static final class Reader {
        private final ByteBuf buffer;
        private final int end;
        private int position;

        Reader(ByteBuf buffer) {
            this.buffer = buffer;
            this.position = buffer.readerIndex();
            this.end = buffer.writerIndex();
        }

        boolean skip(int count) {
            position += count;
            return position <= end;
        }

        int u8() {
            return position < end ? buffer.getUnsignedByte(position++) : 0;
        }

        int u16() {
            if (position + 2 > end) {
                position = end;
                return 0;
            }
            int value = buffer.getUnsignedShort(position);
            position += 2;
            return value;
        }

        String ascii(int length) {
            String text = buffer.toString(position, length, StandardCharsets.US_ASCII);
            position += length;
            return text;
        }
    }
}
