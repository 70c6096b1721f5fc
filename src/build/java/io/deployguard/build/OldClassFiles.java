package io.deployguard.build;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step run on the runnable jar after it is shaded ({@code java -cp asm.jar
 * OldClassFiles.java JAR}): rewrites the class files older than Java 6 (picocli's, slf4j's) as Java 8
 * class files with stack-map frames, the same bytecode otherwise. Java 17's application class-data
 * archive and Java 25's AOT cache leave pre-Java-6 classes out, so without this step every run of
 * the launcher parses and verifies picocli's 170-odd classes anew, a fifth of the bundled
 * example's CPU time. A class whose frames cannot be computed (a type it names is not in the
 * jar) is kept as it was. The jar is replaced only once it is complete.
 */
public final class OldClassFiles {
  private static final int JAVA_6 = 50;

  private OldClassFiles() {}

  /** Rewrites the jar named by {@code args[0]} in place; prints how many classes it rewrote. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: java -cp asm.jar OldClassFiles.java JAR");
    }
    Path jar = Path.of(args[0]);
    int rewritten = 0;
    int kept = 0;
    // The zip file system copies the entries it did not change as they are, and writes the
    // new jar beside the old one, moving it over only when it is closed.
    try (URLClassLoader types = new URLClassLoader(new URL[] {jar.toUri().toURL()},
            ClassLoader.getPlatformClassLoader());
        FileSystem zip = FileSystems.newFileSystem(jar);
        Stream<Path> files = Files.walk(zip.getPath("/"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (!file.toString().endsWith(".class") || !Files.isRegularFile(file)) {
          continue;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (!isOld(bytes)) {
          continue;
        }
        byte[] newer = withFrames(bytes, types);
        if (newer == null) {
          kept++;
          continue;
        }
        FileTime time = Files.getLastModifiedTime(file);
        Files.write(file, newer);
        Files.setLastModifiedTime(file, time);
        rewritten++;
      }
    }
    System.out.println(jar.getFileName() + ": " + rewritten + " pre-Java-6 classes rewritten as Java 8"
        + (kept == 0 ? "" : ", " + kept + " kept as they were (their frames need classes not in the jar)"));
  }

  private static boolean isOld(byte[] c) {
    return c.length > 8 && (c[0] & 0xff) == 0xca && (c[1] & 0xff) == 0xfe && (c[2] & 0xff) == 0xba
        && (c[3] & 0xff) == 0xbe && (((c[6] & 0xff) << 8) | (c[7] & 0xff)) < JAVA_6;
  }

  /** The class as Java 8 with computed frames, or {@code null} when they cannot be computed. */
  private static byte[] withFrames(byte[] bytes, ClassLoader types) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return types;
      }
    };
    try {
      new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9, writer) {
        @Override
        public void visit(int version, int access, String name, String signature, String superName,
            String[] interfaces) {
          super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
        }
      }, ClassReader.SKIP_FRAMES);
      return writer.toByteArray();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
