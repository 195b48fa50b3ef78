package dev.chronoscale.derp.frame;

/** Client says whether this relay is its home region (statistics only). */
public record NotePreferred(boolean preferred) implements DerpFrame {
    @Override
    public int type() {
        return FrameType.NOTE_PREFERRED;
    }
}
