package dev.chronoscale.compliance.format;

import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportHeader;
import dev.chronoscale.compliance.evidence.ChainHead;
import dev.chronoscale.compliance.evidence.Digests;
import dev.chronoscale.compliance.evidence.Evidence;
import dev.chronoscale.compliance.evidence.ReportSigner;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Writes a report in a format with its evidence, and reads the evidence back from a file of any format. */
public final class ReportFiles {

    private ReportFiles() {
    }

    /** The file, and the digests and signature it carries. */
    public record Written(byte[] bytes, Evidence evidence) {
    }

    public static Written write(Report report, ReportFormat format, ReportSigner signer) {
        byte[] content = ContentJson.of(report);
        String contentDigest = Digests.sha256(content);
        ReportHeader header = report.header();
        ChainHead chain = new ChainHead(header.chainPosition(), header.chainHash());
        return switch (format) {
            case JSON -> {
                Evidence evidence = Evidence.sign(header.kind(), format.id(), contentDigest, contentDigest, chain, signer);
                yield new Written(JsonReportFile.write(content, evidence), evidence);
            }
            case CSV -> {
                Map<String, byte[]> files = CsvArchive.files(report, contentDigest, signer.publicKey());
                byte[] manifest = CsvArchive.manifest(files);
                Evidence evidence = Evidence.sign(header.kind(), format.id(), Digests.sha256(manifest), contentDigest, chain, signer);
                yield new Written(CsvArchive.write(files, manifest, evidence), evidence);
            }
            case HTML -> trailing(HtmlDocument.render(report, contentDigest, signer.publicKey()), HtmlDocument.EVIDENCE,
                    header, format, contentDigest, chain, signer);
            case PDF -> trailing(PdfDocument.render(report, contentDigest, signer.publicKey()), PdfDocument.EVIDENCE,
                    header, format, contentDigest, chain, signer);
        };
    }

    private static Written trailing(byte[] document, TrailingEvidence trailer, ReportHeader header, ReportFormat format,
                                    String contentDigest, ChainHead chain, ReportSigner signer) {
        Evidence evidence = Evidence.sign(header.kind(), format.id(), Digests.sha256(document), contentDigest, chain, signer);
        return new Written(trailer.append(document, evidence), evidence);
    }

    /** The format the file's first bytes say, and its evidence; empty when it is no report file this server writes. */
    public static Optional<SignedFile> read(byte[] file) {
        String start = new String(file, 0, Math.min(file.length, 16), StandardCharsets.ISO_8859_1);
        if (start.startsWith("%PDF-")) {
            return PdfDocument.EVIDENCE.read(file);
        }
        if (start.startsWith("PK\u0003\u0004")) {
            return CsvArchive.read(file);
        }
        if (start.startsWith("<!DOCTYPE html")) {
            return HtmlDocument.EVIDENCE.read(file);
        }
        if (start.startsWith("{")) {
            return JsonReportFile.read(file);
        }
        return Optional.empty();
    }
}
