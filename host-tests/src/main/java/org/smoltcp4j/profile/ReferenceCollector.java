package org.smoltcp4j.profile;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;

/**
 * Walks one class file and reports every type and member it refers to, with the place of the
 * reference: the class header (superclass, interfaces), field types, method descriptors and
 * throws clauses, and every instruction that names a type, field or method (new, casts,
 * instanceof, array creation, field access, calls, class literals, catch types).
 *
 * <p>Generic signatures, debug information (local variable tables) and the InnerClasses/NestMembers
 * attributes are not reported: they do not make the VM link anything. A call on an array type
 * ({@code [B.clone()}) is reported as a member of {@code java/lang/Object}. Array types are
 * reported as their element type; primitive types are not reported.
 *
 * <p>Subclasses receive the references through the {@code on...} hooks; names are internal names
 * ({@code java/lang/String}), places are {@code ""} (class), a field name, or
 * {@code name + descriptor} of a method.
 */
abstract class ReferenceCollector extends ClassVisitor {

    private String className = "";

    ReferenceCollector() {
        super(Opcodes.ASM9);
    }

    /** Reads the class file and feeds every reference to the hooks. */
    final void scan(byte[] classFile) {
        new ClassReader(classFile).accept(this, ClassReader.SKIP_FRAMES);
    }

    /** The internal name of the class being scanned. */
    final String className() {
        return className;
    }

    /** A type named at {@code where}. */
    abstract void onType(String where, String internalName);

    /** A field or method {@code owner.name} used at {@code where}. */
    abstract void onMember(String where, String owner, String name);

    /** An {@code invokedynamic} (or dynamic constant) at {@code where}, with its bootstrap method. */
    void onInvokeDynamic(String where, Handle bootstrap) {
    }

    /** A runtime-visible annotation of type {@code descriptor} at {@code where}. */
    void onRuntimeAnnotation(String where, String descriptor) {
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
            String[] interfaces) {
        className = name;
        if (superName != null) {
            onType("", superName);
        }
        for (String itf : interfaces) {
            onType("", itf);
        }
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
        annotation("", descriptor, visible);
        return null;
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor,
            boolean visible) {
        annotation("", descriptor, visible);
        return null;
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature,
            Object value) {
        typeOf(name, Type.getType(descriptor));
        return new FieldVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                annotation(name, annotation, visible);
                return null;
            }

            @Override
            public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath,
                    String annotation, boolean visible) {
                annotation(name, annotation, visible);
                return null;
            }
        };
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
        String where = name + descriptor;
        methodDescriptor(where, descriptor);
        if (exceptions != null) {
            for (String exception : exceptions) {
                onType(where, exception);
            }
        }
        return new InstructionCollector(where);
    }

    private void annotation(String where, String descriptor, boolean visible) {
        if (visible) {
            onRuntimeAnnotation(where, descriptor);
        }
    }

    private void methodDescriptor(String where, String descriptor) {
        Type method = Type.getMethodType(descriptor);
        for (Type argument : method.getArgumentTypes()) {
            typeOf(where, argument);
        }
        typeOf(where, method.getReturnType());
    }

    private void typeOf(String where, Type type) {
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (element.getSort() == Type.OBJECT) {
            onType(where, element.getInternalName());
        }
    }

    /** An internal name or, for arrays, an array descriptor as ASM gives it in instructions. */
    private void internalNameOrArray(String where, String name) {
        typeOf(where, name.startsWith("[") ? Type.getType(name) : Type.getObjectType(name));
    }

    /** Reports the references made by the body and annotations of one method. */
    private final class InstructionCollector extends MethodVisitor {
        private final String where;

        InstructionCollector(String where) {
            super(Opcodes.ASM9);
            this.where = where;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            internalNameOrArray(where, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            onMember(where, owner, name);
            typeOf(where, Type.getType(descriptor));
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                boolean isInterface) {
            // Methods called on an array type are the members arrays inherit from Object.
            onMember(where, owner.startsWith("[") ? "java/lang/Object" : owner, name);
            methodDescriptor(where, descriptor);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                Object... bootstrapArguments) {
            onInvokeDynamic(where, bootstrap);
        }

        @Override
        public void visitLdcInsn(Object value) {
            if (value instanceof Type type) {
                if (type.getSort() == Type.METHOD) {
                    onType(where, "java/lang/invoke/MethodType");
                } else {
                    typeOf(where, type);
                }
            } else if (value instanceof Handle) {
                onType(where, "java/lang/invoke/MethodHandle");
            } else if (value instanceof ConstantDynamic constant) {
                onInvokeDynamic(where, constant.getBootstrapMethod());
            }
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            typeOf(where, Type.getType(descriptor));
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type != null) {
                onType(where, type);
            }
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            annotation(where, descriptor, visible);
            return null;
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor,
                boolean visible) {
            annotation(where, descriptor, visible);
            return null;
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath,
                String descriptor, boolean visible) {
            annotation(where, descriptor, visible);
            return null;
        }

        @Override
        public AnnotationVisitor visitInsnAnnotation(int typeRef, TypePath typePath,
                String descriptor, boolean visible) {
            annotation(where, descriptor, visible);
            return null;
        }

        @Override
        public AnnotationVisitor visitTryCatchAnnotation(int typeRef, TypePath typePath,
                String descriptor, boolean visible) {
            annotation(where, descriptor, visible);
            return null;
        }

        @Override
        public AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath,
                Label[] start, Label[] end, int[] index, String descriptor, boolean visible) {
            annotation(where, descriptor, visible);
            return null;
        }
    }
}
