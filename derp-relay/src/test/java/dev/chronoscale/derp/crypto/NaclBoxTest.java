package dev.chronoscale.derp.crypto;

import static dev.chronoscale.derp.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** NaCl's published vectors (tests/box.c, core1, secretbox) and RFC 7748's X25519 keys. */
class NaclBoxTest {
    static final String ALICE_SK = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    static final String ALICE_PK = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    static final String BOB_SK = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    static final String BOB_PK = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    static final String SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    static final String FIRST_KEY = "1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389";
    static final String NONCE = "69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37";
    static final String MESSAGE = "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
            + "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb31"
            + "0e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
            + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f93776384864"
            + "5e0705";
    static final String BOXED = "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce"
            + "48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c972"
            + "71d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae"
            + "90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b3"
            + "7973f622a43d14a6599b1f654cb45a74e355a5";

    @Test
    void publicKeysFollowFromPrivateKeys() {
        assertThat(NodePrivateKey.of(hex(ALICE_SK)).publicKey().untypedHex()).isEqualTo(ALICE_PK);
        assertThat(NodePrivateKey.of(hex(BOB_SK)).publicKey().untypedHex()).isEqualTo(BOB_PK);
    }

    @Test
    void x25519SharedSecretIsSymmetric() {
        NodePrivateKey alice = NodePrivateKey.of(hex(ALICE_SK));
        NodePrivateKey bob = NodePrivateKey.of(hex(BOB_SK));
        assertThat(hex(alice.sharedSecret(bob.publicKey()))).isEqualTo(SHARED);
        assertThat(hex(bob.sharedSecret(alice.publicKey()))).isEqualTo(SHARED);
    }

    @Test
    void hsalsa20OfTheSharedSecretIsNaclsFirstKey() {
        assertThat(hex(HSalsa20.derive(hex(SHARED), new byte[16]))).isEqualTo(FIRST_KEY);
    }

    @Test
    void beforenmMatchesFromBothSides() {
        NaclBox fromAlice = NaclBox.between(NodePrivateKey.of(hex(ALICE_SK)), NodePrivateKey.of(hex(BOB_SK)).publicKey());
        NaclBox fromBob = NaclBox.between(NodePrivateKey.of(hex(BOB_SK)), NodePrivateKey.of(hex(ALICE_SK)).publicKey());
        assertThat(hex(fromAlice.key())).isEqualTo(FIRST_KEY);
        assertThat(hex(fromBob.key())).isEqualTo(FIRST_KEY);
    }

    @Test
    void sealProducesNaclsBoxVector() {
        NaclBox box = NaclBox.between(NodePrivateKey.of(hex(ALICE_SK)), NodePrivateKey.of(hex(BOB_SK)).publicKey());
        assertThat(hex(box.seal(hex(NONCE), hex(MESSAGE)))).isEqualTo(BOXED);
    }

    @Test
    void secretboxWithTheFirstKeyGivesTheSameVector() {
        assertThat(hex(NaclBox.withKey(hex(FIRST_KEY)).seal(hex(NONCE), hex(MESSAGE)))).isEqualTo(BOXED);
    }

    @Test
    void openRecoversTheMessageOnTheOtherSide() {
        NaclBox box = NaclBox.between(NodePrivateKey.of(hex(BOB_SK)), NodePrivateKey.of(hex(ALICE_SK)).publicKey());
        assertThat(hex(box.open(hex(NONCE), hex(BOXED)))).isEqualTo(MESSAGE);
    }

    @Test
    void tamperedCiphertextTagOrNonceIsRejected() {
        NaclBox box = NaclBox.withKey(hex(FIRST_KEY));
        for (int i : new int[] {0, 15, 16, 100, 146}) {
            byte[] tampered = hex(BOXED);
            tampered[i] ^= 1;
            assertThatThrownBy(() -> box.open(hex(NONCE), tampered)).isInstanceOf(BoxException.class);
        }
        byte[] otherNonce = hex(NONCE);
        otherNonce[23] ^= 1;
        assertThatThrownBy(() -> box.open(otherNonce, hex(BOXED))).isInstanceOf(BoxException.class);
        assertThatThrownBy(() -> box.open(hex(NONCE), new byte[15])).isInstanceOf(BoxException.class);
    }

    @Test
    void lowOrderPublicKeyIsRefused() {
        NodePrivateKey alice = NodePrivateKey.of(hex(ALICE_SK));
        assertThatThrownBy(() -> NaclBox.between(alice, NodePublicKey.of(new byte[32])))
                .isInstanceOf(BoxException.class);
    }

    @Test
    void keyTextForms() {
        NodePrivateKey alice = NodePrivateKey.of(hex(ALICE_SK));
        assertThat(alice.toText()).isEqualTo("privkey:" + ALICE_SK);
        assertThat(NodePrivateKey.parse(alice.toText()).publicKey()).isEqualTo(alice.publicKey());
        assertThat(alice.publicKey().toString()).isEqualTo("nodekey:" + ALICE_PK);
        assertThat(NodePublicKey.parse("nodekey:" + ALICE_PK)).isEqualTo(alice.publicKey());
        assertThat(NodePublicKey.parse(ALICE_PK)).isEqualTo(alice.publicKey());
    }
}
