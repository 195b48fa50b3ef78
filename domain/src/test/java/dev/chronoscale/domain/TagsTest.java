package dev.chronoscale.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagsTest {

    @Test
    void trimsDeduplicatesAndSorts() {
        assertThat(Tags.normalize(List.of("tag:web", " tag:db", "tag:web ", "tag:app-1", "tag:z_9")))
                .containsExactly("tag:app-1", "tag:db", "tag:web", "tag:z_9");
    }

    @Test
    void equalSetsNormaliseEqually() {
        assertThat(Tags.normalize(List.of("tag:b", "tag:a"))).isEqualTo(Tags.normalize(List.of("tag:a", "tag:b", "tag:a")));
    }

    @Test
    void tagsAreCaseSensitive() {
        assertThat(Tags.normalize(List.of("tag:Web", "tag:web"))).containsExactly("tag:Web", "tag:web");
    }

    @Test
    void emptyInputIsNoTags() {
        assertThat(Tags.normalize(List.of())).isEmpty();
    }

    @Test
    void resultIsImmutable() {
        List<String> tags = Tags.normalize(List.of("tag:a"));
        assertThatThrownBy(() -> tags.add("tag:b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"web", "tag:", "tag:-web", "tag:_web", "tag:web server", "tag:web.prod", "Tag:web",
            "group:web", "tag:web:1", "tag:wéb"})
    void refusesWhatIsNotATag(String tag) {
        assertThatThrownBy(() -> Tags.normalize(Collections.singletonList(tag)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID))
                .hasMessageContaining("tag '" + tag + "' is invalid");
    }
}
