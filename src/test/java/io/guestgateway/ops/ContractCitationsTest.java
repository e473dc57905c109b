package io.guestgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every "docs/cxone-contract.md §N" in the code and the routes names a section the document has, and
 * every section sign names its document: the contract's path, or an RFC.
 */
class ContractCitationsTest {

    private static final Pattern CITATION = Pattern.compile("docs/cxone-contract\\.md §(\\d+)");
    /** A section sign after neither the contract's path nor "RFC nnnn". */
    private static final Pattern BARE = Pattern.compile("(?<!docs/cxone-contract\\.md )(?<!RFC \\d{4} )§\\s*\\d");

    @Test
    void everyCitedSectionExists() throws IOException {
        String contract = Files.readString(Path.of("docs/cxone-contract.md"));
        List<String> citations = new ArrayList<>();
        for (String root : new String[] {"src/main/java", "src/test/java", "routes"}) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher matcher = CITATION.matcher(Files.readString(file));
                    while (matcher.find()) {
                        citations.add(file + " §" + matcher.group(1));
                        assertThat(contract).as(file + " cites §" + matcher.group(1))
                                .containsPattern("(?m)^## " + matcher.group(1) + "\\. ");
                    }
                }
            }
        }
        assertThat(citations).as("the routes and the code cite the contract").hasSizeGreaterThan(10);
    }

    @Test
    void noSectionIsCitedWithoutItsDocument() throws IOException {
        List<String> bare = new ArrayList<>();
        for (String root : new String[] {"src/main/java", "src/test/java", "routes"}) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (BARE.matcher(lines.get(i)).find()) {
                            bare.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(bare).as("section signs that name no document").isEmpty();
    }
}
