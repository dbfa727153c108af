package dev.warden.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * What an instrumentation's advice and helper classes use of the application's libraries, read from their class
 * files (as OpenTelemetry's muzzle does): every class they name and every method and field they call or read, by
 * exact descriptor. JDK classes and Warden's own are left out. {@link RequirementCheck} verifies these in a class
 * loader before the instrumentation applies there, so a library version without one of them is skipped, with a
 * message naming what is missing, instead of failing later inside the application's request.
 */
final class References {

    /** Internal class name to the members used on it ({@code name(desc)} for methods, {@code name:desc} for fields). */
    private final Map<String, Set<String>> uses = new TreeMap<>();

    private References() {
    }

    /** The references of the named classes, whose class files {@code source} serves. */
    static References of(ClassLoader source, Collection<String> classNames) throws IOException {
        References refs = new References();
        for (String name : classNames) {
            try (InputStream in = source.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) throw new IOException("class " + name + " is missing from the agent jar");
                new ClassReader(in.readAllBytes()).accept(refs.new Reader(), ClassReader.SKIP_FRAMES);
            }
        }
        return refs;
    }

    /** Internal class names to members used; classes of the JDK and of Warden are not included. */
    Map<String, Set<String>> uses() {
        return uses;
    }

    private Set<String> type(String internalName) {
        if (internalName == null) return null;
        if (internalName.startsWith("[")) {
            Type element = Type.getType(internalName).getElementType();
            return element.getSort() == Type.OBJECT ? type(element.getInternalName()) : null;
        }
        if (internalName.startsWith("dev/warden/") || jdk(internalName)) return null;
        return uses.computeIfAbsent(internalName, k -> new TreeSet<>());
    }

    private void descriptor(String desc) {
        Type t = Type.getType(desc);
        if (t.getSort() == Type.METHOD) {
            for (Type arg : t.getArgumentTypes()) descriptor(arg.getDescriptor());
            descriptor(t.getReturnType().getDescriptor());
        } else if (t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY) {
            type(t.getSort() == Type.ARRAY ? t.getDescriptor() : t.getInternalName());
        }
    }

    private void member(String owner, String member, String desc) {
        descriptor(desc);
        Set<String> members = type(owner);
        if (members != null) members.add(member);
    }

    /** A class the JDK provides (the platform loader sees it), e.g. java.*, javax.net.*, com.sun.net.httpserver. */
    private static boolean jdk(String internalName) {
        return internalName.startsWith("java/") || ClassLoader.getPlatformClassLoader().getResource(internalName + ".class") != null;
    }

    private final class Reader extends ClassVisitor {
        Reader() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            type(superName);
            if (interfaces != null) for (String i : interfaces) type(i);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String desc, String signature, Object value) {
            descriptor(desc);
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
            descriptor(desc);
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String mdesc, boolean itf) {
                    member(owner, method + mdesc, mdesc);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String field, String fdesc) {
                    member(owner, field + ":" + fdesc, fdesc);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    type(type);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof Type t && (t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY)) {
                        descriptor(t.getDescriptor());
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                    descriptor(d);
                }

                @Override
                public void visitTryCatchBlock(net.bytebuddy.jar.asm.Label s, net.bytebuddy.jar.asm.Label e,
                                               net.bytebuddy.jar.asm.Label h, String type) {
                    type(type);
                }
            };
        }
    }
}
