package dev.skyport.cli.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Docker's documented matching rules, one pattern list and one path per row. */
class IgnoreRulesTest {

    @ParameterizedTest(name = "[{0}] on {1} -> excluded={2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            *                        | fileutils.go               | true
            *.go                     | fileutils.go               | true
            *.go                     | dir/fileutils.go           | false
            !fileutils.go;*.go       | fileutils.go               | true
            *.go;!fileutils.go       | fileutils.go               | false
            docs;!docs/README.md     | docs/README.md             | false
            docs;!docs/README.md     | docs/other.md              | true
            docs/;!docs/README.md    | docs/README.md             | false
            docs/*;!docs/README.md   | docs/README.md             | false
            */temp*                  | somedir/temporary.txt      | true
            */temp*                  | somedir/temp               | true
            */temp*                  | temp                       | false
            */temp*                  | a/b/temp                   | false
            */*/temp*                | somedir/subdir/temporary.txt | true
            temp?                    | tempa                      | true
            temp?                    | tempab                     | false
            temp?                    | dir/tempa                  | false
            **/*.go                  | a/b/c.go                   | true
            **/*.go                  | c.go                       | true
            *.md;!README.md          | README.md                  | false
            *.md;!README*.md;README-secret.md | README-secret.md  | true
            *.md;!README*.md;README-secret.md | README-x.md       | false
            *.md;README-secret.md;!README*.md | README-secret.md  | false
            /foo/bar                 | foo/bar                    | true
            foo/bar/                 | foo/bar/baz                | true
            ./foo/../bar             | bar                        | true
            **                       | file                       | true
            **                       | dir/file                   | true
            **/                      | file                       | true
            dir/**                   | dir/file                   | true
            dir/**                   | dir/dir2/file              | true
            dir/**                   | dir                        | false
            **/dir                   | dir                        | true
            **/dir                   | a/dir                      | true
            **/dir                   | a/dir/file                 | true
            **/dir2/*                | dir/dir2/file              | true
            **/dir2/**               | dir/dir2/dir3/file         | true
            **file                   | file                       | true
            **file                   | dir/file                   | true
            **file                   | xfile                      | true
            **/file*.txt             | dir/dir/file.txt           | true
            **/**/*.txt2             | dir/dir/file.txt           | false
            a**/*.txt                | a/dir/dir/file.txt         | true
            a/*.txt                  | a/dir/file.txt             | false
            a[b-d]e                  | ace                        | true
            a[b-d]e                  | aae                        | false
            a[^b-d]e                 | aze                        | true
            a[^b-d]e                 | ace                        | false
            ab[\\]a]                 | ab]                        | true
            [\\-x]                   | -                          | true
            .*                       | .foo                       | true
            .*                       | foo                        | false
            abc.def                  | abcZdef                    | false
            abc?def                  | abcZdef                    | true
            abc?def                  | abc/def                    | false
            a*b                      | a/b                        | false
            a?b                      | a☺b                        | true
            a(b)c/def                | a(b)c/def                  | true
            a.)$(}+{bc               | a.)$(}+{bc                 | true
            a\\*b                    | a*b                        | true
            a\\*b                    | axb                        | false
            a\\\\                    | a\\                        | true
            dist/*.whl               | dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl | true
            **;!util/docker/web      | util/docker/web/foo        | false
            **;!util/docker/web;util/docker/web/foo | util/docker/web/foo | true
            node_modules             | node_modules/a/b.js        | true
            **/node_modules          | a/b/node_modules/x/y.js    | true
            x/y;!x                   | x/y                        | true
            """)
    void matchesLikeDocker(String patterns, String path, boolean excluded) {
        IgnoreRules rules = IgnoreRules.of(Arrays.asList(patterns.split(";")));

        assertThat(rules.excludes(path)).isEqualTo(excluded);
    }

    @Test
    void passesParentResultsDownLikeDockersWalker() {
        // The exception '!x' is skipped while matching directory x (nothing is excluded yet there), so
        // it does not apply to x/y, whose parent result for it is "no match": x/y stays excluded.
        IgnoreRules rules = IgnoreRules.of(List.of("x/y", "!x"));

        assertThat(rules.excludes("x")).isFalse();
        assertThat(rules.excludes("x/y")).isTrue();
    }

    @Test
    void readsTheFileLikeDocker() {
        List<IgnoreLine> lines = IgnoreFile.parse("\uFEFFtest1\n/test2\r\n/a/file/here\n\nlastfile\n"
                + "# this is a comment\n # not a comment\n! /inverted/abs/path\n  spaced  \n//twice\n!\n! ");

        assertThat(lines).extracting(IgnoreLine::pattern).containsExactly("test1", "test2", "a/file/here", "lastfile",
                "# not a comment", "!inverted/abs/path", "spaced", "twice", "!", "!");
        assertThat(lines.get(4).line()).isEqualTo(7);
    }

    @Test
    void treatsAHashAsACommentOnlyInColumnOne() {
        IgnoreRules rules = IgnoreRules.parse("#secret\n \t#kept\n", ".dockerignore");

        assertThat(rules.patterns()).containsExactly("#kept");
        assertThat(rules.excludes("#kept")).isTrue();
        assertThat(rules.excludes("#secret")).isFalse();
    }

    @Test
    void rejectsMalformedPatternsNamingTheLine() {
        assertThatThrownBy(() -> IgnoreRules.parse("ok\n!\n", ".dockerignore"))
                .isInstanceOf(InvalidIgnoreFileException.class).hasMessageContaining(".dockerignore:2:");
        for (String bad : List.of("[", "a[", "[^", "[]a]", "[-]", "[x-]", "[a-b-c]", "x\\")) {
            assertThatThrownBy(() -> IgnoreRules.parse("# header\n" + bad + "\n", ".dockerignore"))
                    .as(bad).isInstanceOf(InvalidIgnoreFileException.class)
                    .hasMessageContaining(".dockerignore:2: pattern '" + bad + "' is malformed");
        }
    }

    @Test
    void knowsWhenAnExceptionCouldApplyInsideADirectory() {
        IgnoreRules literal = IgnoreRules.of(List.of("node_modules", "!node_modules/keep/me.js"));
        assertThat(literal.mayIncludeInside("node_modules")).isTrue();
        assertThat(literal.mayIncludeInside("node_modules/keep")).isTrue();
        assertThat(literal.mayIncludeInside("node_modules/other")).isFalse();

        IgnoreRules wildcard = IgnoreRules.of(List.of("node_modules", "!node_modules/*/package.json"));
        assertThat(wildcard.mayIncludeInside("node_modules")).isTrue();
        assertThat(wildcard.mayIncludeInside("node_modules/left-pad")).isTrue();
        assertThat(wildcard.mayIncludeInside("node_modules/left-pad/lib")).isFalse();
        assertThat(wildcard.mayIncludeInside("vendor")).isFalse();

        assertThat(IgnoreRules.of(List.of("build", "!**/keep")).mayIncludeInside("build")).isTrue();
        assertThat(IgnoreRules.of(List.of("build", "!*.md")).mayIncludeInside("build")).isFalse();
        assertThat(IgnoreRules.of(List.of("build", "!docs/**")).mayIncludeInside("build")).isFalse();
        assertThat(IgnoreRules.of(List.of("build")).mayIncludeInside("build")).isFalse();
    }
}
