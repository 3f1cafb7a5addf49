package io.polaroid.server;

import io.polaroid.engine.dsl.ScanFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The paths of the corpus, built from a {@link PathTrickTree}: legitimate reads, missing files
 * inside the root, and tricks that aim outside it (each with a twin that names something that does
 * not exist outside, to catch an existence oracle), and malformed paths.
 */
final class PathTricks {
    /** What the servers must answer. */
    enum Expect {
        /** Returns exactly the rows of files inside the root. */
        READS,
        /** FILE_NOT_FOUND: a missing file inside the root. */
        NOT_FOUND,
        /** PERMISSION_DENIED naming the path as written. */
        DENIED,
        /** INVALID_PLAN (gRPC INVALID_ARGUMENT) naming the path. */
        INVALID,
        /**
         * DENIED or NOT_FOUND: where Hadoop's glob syntax decides whether a trick even names a
         * place outside (a brace without a slash matches listed names only, never {@code ..}).
         */
        CONTAINED
    }

    /**
     * One path to scan. {@code rows}: how many rows a READS case returns. {@code twin}: for a
     * DENIED case, a path like it whose target does not exist; both must fail with the same message.
     */
    record Trick(String label, ScanFormat format, String path, Expect expect, long rows, String twin) {
        @Override
        public String toString() {
            return label + " " + format + " " + path.replace("\0", "\\0").replace("\n", "\\n").replace("\u007f", "\\x7f");
        }
    }

    static final String S3_ROOT = "s3a://polaroid-corpus/prefix";

    private final List<Trick> tricks = new ArrayList<>();
    private final String d;
    private final String o;
    private final String base;

    private PathTricks(PathTrickTree tree) {
        this.d = tree.data.toString();
        this.o = tree.outside.toString();
        this.base = tree.base.toString();
    }

    static List<Trick> all(PathTrickTree tree) {
        PathTricks t = new PathTricks(tree);
        t.legitimate(tree);
        t.missingInside();
        t.climbing();
        t.links();
        t.globs();
        t.uriForms(tree);
        t.objectStore();
        t.malformed();
        return List.copyOf(t.tricks);
    }

    private void reads(String label, ScanFormat format, String path, long rows) {
        tricks.add(new Trick(label, format, path, Expect.READS, rows, null));
    }

    private void reads(String label, String path, long rows) {
        reads(label, ScanFormat.PARQUET, path, rows);
    }

    private void denied(String label, ScanFormat format, String path, String twin) {
        tricks.add(new Trick(label, format, path, Expect.DENIED, 0, twin));
    }

    private void denied(String label, String path, String twin) {
        denied(label, ScanFormat.PARQUET, path, twin);
    }

    private void contained(String label, String path, String twin) {
        contained(label, ScanFormat.PARQUET, path, twin);
    }

    private void contained(String label, ScanFormat format, String path, String twin) {
        tricks.add(new Trick(label, format, path, Expect.CONTAINED, 0, twin));
    }

    private void expect(String label, Expect expect, String path) {
        tricks.add(new Trick(label, ScanFormat.PARQUET, path, expect, 0, null));
    }

    private void legitimate(PathTrickTree tree) {
        reads("file", d + "/in.parquet", 3);
        reads("folder", d + "/clean", 6);
        reads("folder trailing slash", d + "/clean/", 6);
        reads("folder double slash", d + "//clean//", 6);
        reads("star", d + "/clean/*.parquet", 5);
        reads("star in folder", d + "/clean/*/*.parquet", 1);
        reads("question mark", d + "/clean/?.parquet", 2);
        reads("class", d + "/clean/[ab].parquet", 2);
        reads("braces", d + "/clean/{a,nested/b}.parquet", 3);
        reads("braces climbing inside", d + "/clean/nested/{../a,b}.parquet", 3);
        reads("dot dot inside", d + "/clean/nested/../a.parquet", 2);
        reads("dot dot through a folder", d + "/traps/../in.parquet", 3);
        reads("dot", d + "/./clean/./a.parquet", 2);
        reads("link inside to inside file", d + "/clean/link-in.parquet", 3);
        reads("link inside to inside folder", d + "/inlink-dir/a.parquet", 2);
        reads("scan of a linked inside folder", d + "/inlink-dir", 6);
        reads("glob through an inside link", d + "/inlink-dir/*/b.parquet", 1);
        reads("file uri", "file:" + d + "/in.parquet", 3);
        reads("file uri three slashes", "file://" + d + "/in.parquet", 3);
        reads("relative", relative(tree.data) + "/in.parquet", 3);
        reads("csv", ScanFormat.CSV, d + "/in.csv", 3);
        reads("csv folder", ScanFormat.CSV, d + "/clean", 3);
        reads("csv glob", ScanFormat.CSV, d + "/clean/**.csv", 2);
    }

    private void missingInside() {
        expect("missing inside", Expect.NOT_FOUND, d + "/nope.parquet");
        expect("missing glob inside", Expect.NOT_FOUND, d + "/clean/zz*.parquet");
        expect("encoded dots are names", Expect.NOT_FOUND, d + "/%2e%2e/outside/o.parquet");
        expect("encoded dots in file uri are names", Expect.NOT_FOUND, "file:" + d + "/%2e%2e/%2e%2e/outside/o.parquet");
        expect("encoded slash is a name", Expect.NOT_FOUND, d + "/..%2f..%2foutside/o.parquet");
        expect("escaped dots without a glob are names", Expect.NOT_FOUND, d + "/\\.\\./outside/o.parquet");
        expect("missing folder inside", Expect.NOT_FOUND, d + "/clean/nested/nope/x.parquet");
    }

    /** {@code ..} at every position of a path that climbs from the root to a file outside. */
    private void climbing() {
        denied("absolute outside", o + "/o.parquet", o + "/nope.parquet");
        denied("outside folder", o, o + "/nope");
        denied("outside deep", o + "/deep/deeper/o3.parquet", o + "/deep/deeper/nope.parquet");
        denied("sibling sharing the prefix", base + "/data2/s.parquet", base + "/data2/nope.parquet");
        denied("sibling folder", base + "/data2", base + "/data3");
        denied("sibling csv", ScanFormat.CSV, base + "/data2/s.csv", base + "/data2/nope.csv");
        denied("base", base, base + "/nope");
        String[] inside = {"", "/clean", "/clean/nested", "/traps", "/traps/deep", "/traps/deep/er"};
        for (String start : inside) {
            int depth = start.isEmpty() ? 0 : start.split("/").length - 1;
            String up = "/..".repeat(depth + 1);
            denied(".. from " + start, d + start + up + "/outside/o.parquet", d + start + up + "/outside/nope.parquet");
            denied(".. to sibling from " + start, d + start + up + "/data2/s.parquet", d + start + up + "/data2/nope.parquet");
            denied("extra .. from " + start, d + start + up + "/.." + base + "/outside/o.parquet",
                    d + start + up + "/.." + base + "/outside/nope.parquet");
            denied(".. in and out from " + start, d + start + up + "/data/.." + "/outside/o.parquet",
                    d + start + up + "/data/.." + "/outside/nope.parquet");
        }
        String toRoot = "/..".repeat(Path.of(d).getNameCount());
        denied(".. to /etc/passwd", ScanFormat.CSV, d + toRoot + "/etc/passwd", d + toRoot + "/etc/polaroid-nope");
        denied("/etc/passwd", ScanFormat.CSV, "/etc/passwd", "/etc/polaroid-nope");
        denied("/etc", ScanFormat.CSV, "/etc", "/polaroid-nope");
        denied("too many ..", d + toRoot + "/../../.." + o + "/o.parquet", d + toRoot + "/../../.." + o + "/nope.parquet");
        denied("trailing ..", d + "/..", base + "/nope/..");
        denied("trailing .. slash", d + "/clean/../../", base + "/nope/../");
    }

    private void links() {
        String t = d + "/traps";
        denied("link to outside file", t + "/lnk-file.parquet", t + "/lnk-dangling.parquet");
        denied("link to outside csv", ScanFormat.CSV, t + "/lnk-csv.csv", t + "/lnk-dangling.parquet");
        denied("through link to outside folder", t + "/lnk-dir/o.parquet", t + "/lnk-dir/nope.parquet");
        denied("link to outside folder", t + "/lnk-dir", t + "/lnk-dir/nope");
        denied("link to outside folder slash", t + "/lnk-dir/", t + "/lnk-dir/nope/");
        denied("two deep through link", t + "/lnk-dir/deep/deeper/o3.parquet", t + "/lnk-dir/deep/deeper/nope.parquet");
        denied("relative link", t + "/lnk-rel/o.parquet", t + "/lnk-rel/nope.parquet");
        denied("relative link folder", t + "/lnk-rel", t + "/lnk-rel/nope");
        denied("deep link to file", t + "/deep/er/lnk-deep.parquet", t + "/deep/er/lnk-up/nope.parquet");
        denied("deep relative link up", t + "/deep/er/lnk-up/o2.parquet", t + "/deep/er/lnk-up/nope.parquet");
        denied("deep relative link folder", t + "/deep/er/lnk-up", t + "/deep/er/lnk-up/nope");
        denied("link to sibling", t + "/lnk-sibling/s.parquet", t + "/lnk-sibling/nope.parquet");
        denied("link to /etc", ScanFormat.CSV, t + "/lnk-etc/passwd", t + "/lnk-etc/polaroid-nope");
        // Hadoop resolves .. by name, before any link: this reads traps/etc/passwd, inside, missing
        contained("link to /etc then up", ScanFormat.CSV, t + "/lnk-etc/../etc/passwd", t + "/lnk-etc/../etc/polaroid-nope");
        denied("link then dot dot inside the target", t + "/lnk-dir/deep/../o.parquet", t + "/lnk-dir/deep/../nope.parquet");
        denied("folder holding outside links", t, t + "/lnk-dir/deep");
        denied("folder holding outside links, csv", ScanFormat.CSV, t, t + "/lnk-dir/deep");
        denied("root folder holding outside links", d, t + "/lnk-dir/nope");
    }

    private void globs() {
        String t = d + "/traps";
        denied("star matching a link to a file", t + "/*.parquet", t + "/lnk-dir/zz*.parquet");
        denied("star through a link to a folder", t + "/lnk-dir/*.parquet", t + "/lnk-dir/zz*.parquet");
        denied("star deep through a link", t + "/lnk-dir/deep/*.parquet", t + "/lnk-dir/deep/zz*.parquet");
        denied("question mark link", t + "/lnk-?ir/o.parquet", t + "/lnk-?ir/nope.parquet");
        denied("class link", t + "/lnk-[d]ir/o.parquet", t + "/lnk-[d]ir/nope.parquet");
        denied("star folder", t + "/*/o.parquet", t + "/*/nope.parquet");
        denied("star folder slash", t + "/*/", t + "/lnk-dir/zz*/");
        denied("star star folder", t + "/*/*/o3.parquet", t + "/*/*/nope.parquet");
        denied("star star slash", t + "/*/*/", t + "/lnk-dir/zz*/*/");
        denied("double star", d + "/**", t + "/lnk-dir/zz**");
        denied("double star parquet", t + "/**.parquet", t + "/lnk-dir/zz**.parquet");
        denied("deep star", t + "/deep/*/*.parquet", t + "/deep/*/lnk-up/zz*.parquet");
        denied("deep star through relative link", t + "/deep/*/lnk-up/*.parquet", t + "/deep/*/lnk-up/zz*.parquet");
        contained("braces naming ..", d + "/{clean,..}/outside/o.parquet", d + "/{clean,..}/outside/nope.parquet");
        denied("braces {a,../..}", d + "/clean/{a,../..}/outside/o.parquet", d + "/clean/{a,../..}/outside/nope.parquet");
        denied("braces to sibling", d + "/{clean,../data2}/s.parquet", d + "/{clean,../data2}/nope.parquet");
        // Hadoop resolves the .. by name before it expands braces: data/clean/outside, inside, missing
        contained("braces in the middle", d + "/clean/{nested/../..,x}/../outside/*.parquet",
                d + "/clean/{nested/../..,x}/../outside/zz*.parquet");
        denied("braces with star", d + "/{clean,../outside}/*.parquet", d + "/{clean,../outside}/zz*.parquet");
        String toRoot = "../".repeat(Path.of(d).getNameCount());
        denied("braces to /etc", ScanFormat.CSV, d + "/{a," + toRoot + "etc}/passwd", d + "/{a," + toRoot + "etc}/polaroid-nope");
        contained("escaped dots with star", d + "/\\.\\./outside/*.parquet", d + "/\\.\\./outside/zz*.parquet");
        contained("escaped dots twice", d + "/clean/\\.\\./\\.\\./outside/o*.parquet", d + "/clean/\\.\\./\\.\\./outside/zz*.parquet");
        contained("escaped dots to sibling", d + "/\\.\\./data2/*.parquet", d + "/\\.\\./data2/zz*.parquet");
        denied("escaped dots to /etc", ScanFormat.CSV, d + "/" + toRoot.replace("..", "\\.\\.") + "etc/pass*",
                d + "/" + toRoot.replace("..", "\\.\\.") + "etc/polaroid-nope*");
        denied("csv glob through link to /etc", ScanFormat.CSV, t + "/lnk-etc/pass*", t + "/lnk-etc/polaroid-nope*");
        denied("csv glob of the link to /etc", ScanFormat.CSV, t + "/lnk-e*/passwd", t + "/lnk-e*/polaroid-nope");
        denied("star prefix sibling", base + "/data*/s.parquet", base + "/data*/nope.parquet");
        denied("question prefix sibling", base + "/data?/s.parquet", base + "/data?/nope.parquet");
        denied("glob above the root", base + "/*/o.parquet", base + "/*/nope.parquet");
        denied("glob of the root's parent", base + "/*", base + "/zz*");
    }

    private void uriForms(PathTrickTree tree) {
        denied("file uri outside", "file:" + o + "/o.parquet", "file:" + o + "/nope.parquet");
        denied("file uri three slashes outside", "file://" + o + "/o.parquet", "file://" + o + "/nope.parquet");
        denied("file uri with ..", "file://" + d + "/../outside/o.parquet", "file://" + d + "/../outside/nope.parquet");
        denied("file uri through link", "file:" + d + "/traps/lnk-dir/o.parquet", "file:" + d + "/traps/lnk-dir/nope.parquet");
        denied("file uri /etc/passwd", ScanFormat.CSV, "file:///etc/passwd", "file:///etc/polaroid-nope");
        denied("relative outside", relative(tree.outside) + "/o.parquet", relative(tree.outside) + "/nope.parquet");
        denied("relative sibling", relative(tree.sibling) + "/s.parquet", relative(tree.sibling) + "/nope.parquet");
        denied("relative climbing", relative(tree.data) + "/../outside/o.parquet", relative(tree.data) + "/../outside/nope.parquet");
        denied("relative through link", relative(tree.data) + "/traps/lnk-dir/o.parquet",
                relative(tree.data) + "/traps/lnk-dir/nope.parquet");
        denied("dot relative", "./" + relative(tree.outside) + "/o.parquet", "./" + relative(tree.outside) + "/nope.parquet");
        denied("three leading slashes", "//" + o + "/o.parquet", "//" + o + "/nope.parquet");
        denied("double slashes and ..", d + "//..//outside//o.parquet", d + "//..//outside//nope.parquet");
        denied("trailing slash file outside", o + "/o.parquet/", o + "/nope.parquet/");
    }

    private void objectStore() {
        String r = S3_ROOT;
        denied("s3a ..", r + "/../x.parquet", null);
        denied("s3a .. deeper", r + "/a/../../other/x.parquet", null);
        denied("s3a . segment", r + "/./x.parquet", null);
        denied("s3a empty segment", r + "//x.parquet", null);
        denied("s3a encoded ..", r + "/%2e%2e/x.parquet", null);
        denied("s3a encoded .. mixed case", r + "/%2E%2e/x.parquet", null);
        denied("s3a escaped ..", r + "/\\.\\./x.parquet", null);
        denied("s3a braces climbing", r + "/{a,..}/x.parquet", null);
        denied("s3a braces climbing twice", r + "/{a,../..}/x.parquet", null);
        denied("s3a sibling prefix", "s3a://polaroid-corpus/prefix2/x.parquet", null);
        denied("s3a bucket root", "s3a://polaroid-corpus/x.parquet", null);
        denied("s3a other bucket", "s3a://other-bucket/prefix/x.parquet", null);
        denied("s3a bucket prefix", "s3a://polaroid-corpus2/prefix/x.parquet", null);
        denied("s3a no bucket", "s3a:///prefix/x.parquet", null);
        denied("s3 other scheme", "s3://polaroid-corpus/prefix/x.parquet", null);
        denied("s3a glob above prefix", "s3a://polaroid-corpus/*/x.parquet", null);
    }

    private void malformed() {
        String[] paths = {"file://localhost" + o + "/o.parquet", "file://localhost" + d + "/in.parquet", "file://evil" + d + "/in.parquet",
            "file:relative.parquet", "file:data/in.parquet", "file:", d + "/in\0.parquet", o + "/o.parquet\0", d + "/in\n.parquet",
            d + "/\u007f", d + "/in.parquet\r", "//evil" + d + "/in.parquet", "hdfs://namenode" + o + "/o.parquet", "ftp://example.invalid/x",
            "http://example.invalid/x.parquet", "a:b.parquet", "jar:file:" + d + "/in.parquet!/x", "", "c:\\windows\\win.ini",
            "file:" + d + "/in.parquet\t"};
        for (String p : paths) {
            expect("malformed", Expect.INVALID, p);
        }
    }

    /** {@code target} relative to the working directory the servers run in (this JVM's). */
    private static String relative(Path target) {
        return Path.of("").toAbsolutePath().relativize(target).toString();
    }
}
