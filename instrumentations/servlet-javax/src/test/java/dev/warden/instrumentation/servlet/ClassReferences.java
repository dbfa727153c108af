package dev.warden.instrumentation.servlet;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/** What one class file refers to: the types, methods and fields its code uses, and its string constants. */
record ClassReferences(List<String> types, List<Member> methods, List<Member> fields, List<String> strings) {

    /** A method or field reference: internal owner name, member name, descriptor. */
    record Member(String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner + "." + name + descriptor;
        }
    }

    static ClassReferences of(byte[] classFile) {
        ClassReferences refs = new ClassReferences(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        new ClassReader(classFile).accept(refs.visitor(), ClassReader.SKIP_DEBUG);
        return refs;
    }

    private ClassVisitor visitor() {
        return new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                if (superName != null) types.add(superName);
                types.addAll(List.of(interfaces));
            }

            @Override
            public net.bytebuddy.jar.asm.FieldVisitor visitField(int access, String name, String descriptor,
                                                                  String signature, Object value) {
                addType(Type.getType(descriptor));
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                addTypesOf(Type.getMethodType(descriptor));
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                                boolean isInterface) {
                        if (!owner.startsWith("[")) methods.add(new Member(owner, name, descriptor));
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                        fields.add(new Member(owner, name, descriptor));
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        if (!type.startsWith("[")) types.add(type);
                    }

                    @Override
                    public void visitTryCatchBlock(net.bytebuddy.jar.asm.Label start, net.bytebuddy.jar.asm.Label end,
                                                   net.bytebuddy.jar.asm.Label handler, String type) {
                        if (type != null) types.add(type);
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof String s) strings.add(s);
                    }
                };
            }
        };
    }

    private void addTypesOf(Type methodType) {
        for (Type t : methodType.getArgumentTypes()) addType(t);
        addType(methodType.getReturnType());
    }

    private void addType(Type t) {
        Type element = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        if (element.getSort() == Type.OBJECT) types.add(element.getInternalName());
    }
}
