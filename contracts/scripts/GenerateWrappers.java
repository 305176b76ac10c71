import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.web3j.codegen.SolidityFunctionWrapperGenerator;

/**
 * Build step (run by the contracts module's pom with {@code java GenerateWrappers.java}): turns every NAME.abi / NAME.bin
 * pair that scripts/compile.mjs wrote into a web3j wrapper. Arguments come in triples: artifact dir, output dir, package.
 */
public class GenerateWrappers {
    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 2 < args.length; i += 3) {
            generate(Path.of(args[i]), new File(args[i + 1]), args[i + 2]);
        }
    }

    static void generate(Path artifacts, File outDir, String pkg) throws Exception {
        if (!Files.isDirectory(artifacts)) return;
        try (Stream<Path> abis = Files.list(artifacts)) {
            for (Path abi :
                    abis.filter(p -> p.toString().endsWith(".abi")).sorted().toList()) {
                String name = abi.getFileName().toString().replace(".abi", "");
                File bin = artifacts.resolve(name + ".bin").toFile();
                // Native Java types (BigInteger, String, List) read better beside the keeper's own code.
                new SolidityFunctionWrapperGenerator(bin, abi.toFile(), outDir, name, pkg, true, false, 20).generate();
            }
        }
    }
}
