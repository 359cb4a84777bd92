package org.smoltcp4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smoltcp4j.profile.planted.CallsStringFormat;
import org.smoltcp4j.profile.planted.CatchesDisallowedException;
import org.smoltcp4j.profile.planted.CleanClass;
import org.smoltcp4j.profile.planted.ClonesArray;
import org.smoltcp4j.profile.planted.CreatesDisallowedMatrix;
import org.smoltcp4j.profile.planted.DisallowedFieldType;
import org.smoltcp4j.profile.planted.ImplementsDisallowedInterface;
import org.smoltcp4j.profile.planted.InterfaceWithDefaultMethod;
import org.smoltcp4j.profile.planted.InterfaceWithStaticMethod;
import org.smoltcp4j.profile.planted.NativeNotStatic;
import org.smoltcp4j.profile.planted.NativeReturningString;
import org.smoltcp4j.profile.planted.NativeTakingIntMatrix;
import org.smoltcp4j.profile.planted.NativeTakingObject;
import org.smoltcp4j.profile.planted.NativeWithSixteenParameters;
import org.smoltcp4j.profile.planted.ReferenceFieldsAtLimit;
import org.smoltcp4j.profile.planted.ReferenceFieldsAtLimitBase;
import org.smoltcp4j.profile.planted.ReferenceFieldsBase;
import org.smoltcp4j.profile.planted.ReferenceFieldsOverLimit;
import org.smoltcp4j.profile.planted.RuntimeAnnotated;
import org.smoltcp4j.profile.planted.UsesByteBuffer;
import org.smoltcp4j.profile.planted.UsesDisallowedClassLiteral;
import org.smoltcp4j.profile.planted.UsesIndyConcatenation;
import org.smoltcp4j.profile.planted.UsesLambda;
import org.smoltcp4j.profile.planted.UsesMethodReference;

/** Each planted class breaks exactly one rule; the checker must name that rule, class and member. */
class ProfileCheckerTest {

    private static final ProfileChecker CHECKER = new ProfileChecker(Allowlist.edc());

    private static List<Violation> check(Class<?>... classes) {
        return CHECKER.check(PlantedClasses.classFiles(classes));
    }

    /**
     * Checks {@code type} (with {@code scannedWith}) and asserts one violation of {@code rule} at
     * {@code type#member}; returns it.
     */
    private static Violation onlyViolation(Class<?> type, String member, Rule rule,
            Class<?>... scannedWith) {
        Class<?>[] scanned = new Class<?>[scannedWith.length + 1];
        scanned[0] = type;
        System.arraycopy(scannedWith, 0, scanned, 1, scannedWith.length);
        List<Violation> violations = check(scanned);
        assertEquals(1, violations.size(), () -> "expected one violation, got " + violations);
        Violation violation = violations.get(0);
        assertEquals(type.getName(), violation.className());
        assertEquals(member, violation.member());
        assertEquals(rule, violation.rule());
        return violation;
    }

    /** As {@link #onlyViolation}, and the report line is exactly {@code line}. */
    private static void assertSingleViolation(Class<?> type, String member, Rule rule, String line,
            Class<?>... scannedWith) {
        assertEquals(line, onlyViolation(type, member, rule, scannedWith).toString());
    }

    @Test
    void nioByteBufferIsNotInEdc() {
        assertSingleViolation(UsesByteBuffer.class, "isBuffer(Ljava/lang/Object;)Z", Rule.JDK_API,
                UsesByteBuffer.class.getName() + "#isBuffer(Ljava/lang/Object;)Z: uses"
                        + " java.nio.ByteBuffer, which is not in the EDC 1.3/BON allowlist");
    }

    @Test
    void stringFormatIsRejectedThoughStringIsAllowed() {
        assertSingleViolation(CallsStringFormat.class, "describe(Ljava/lang/String;)Ljava/lang/String;",
                Rule.JDK_API, CallsStringFormat.class.getName()
                        + "#describe(Ljava/lang/String;)Ljava/lang/String;: uses"
                        + " java.lang.String#format, which is not in the EDC 1.3/BON allowlist");
    }

    @Test
    void arrayCloneIsObjectClone() {
        assertSingleViolation(ClonesArray.class, "copy([B)[B", Rule.JDK_API,
                ClonesArray.class.getName() + "#copy([B)[B: uses java.lang.Object#clone,"
                        + " which is not in the EDC 1.3/BON allowlist");
    }

    @Test
    void catchTypeIsChecked() {
        assertSingleViolation(CatchesDisallowedException.class, "guarded(Ljava/lang/Runnable;)I",
                Rule.JDK_API, CatchesDisallowedException.class.getName()
                        + "#guarded(Ljava/lang/Runnable;)I: uses"
                        + " java.util.ConcurrentModificationException, which is not in the EDC 1.3/BON"
                        + " allowlist");
    }

    @Test
    void classLiteralIsChecked() {
        assertSingleViolation(UsesDisallowedClassLiteral.class, "type()Ljava/lang/Object;",
                Rule.JDK_API, UsesDisallowedClassLiteral.class.getName()
                        + "#type()Ljava/lang/Object;: uses java.util.Random, which is not in the"
                        + " EDC 1.3/BON allowlist");
    }

    @Test
    void multiDimensionalArrayCreationIsChecked() {
        assertSingleViolation(CreatesDisallowedMatrix.class, "grid()Ljava/lang/Object;",
                Rule.JDK_API, CreatesDisallowedMatrix.class.getName()
                        + "#grid()Ljava/lang/Object;: uses java.util.Random, which is not in the"
                        + " EDC 1.3/BON allowlist");
    }

    @Test
    void implementedInterfaceIsChecked() {
        assertSingleViolation(ImplementsDisallowedInterface.class, "", Rule.JDK_API,
                ImplementsDisallowedInterface.class.getName() + ": uses java.io.Closeable, which is"
                        + " not in the EDC 1.3/BON allowlist");
    }

    @Test
    void fieldTypeIsChecked() {
        assertSingleViolation(DisallowedFieldType.class, "random", Rule.JDK_API,
                DisallowedFieldType.class.getName() + "#random: uses java.util.Random, which is not"
                        + " in the EDC 1.3/BON allowlist");
    }

    @Test
    void runtimeAnnotationsAreRejected() {
        assertSingleViolation(RuntimeAnnotated.class, "old()V", Rule.RUNTIME_ANNOTATION,
                RuntimeAnnotated.class.getName() + "#old()V: carries the runtime-visible annotation"
                        + " @java.lang.Deprecated; MicroEJ has no runtime annotations");
    }

    @Test
    void lambdaIsInvokedynamic() {
        assertSingleViolation(UsesLambda.class, "task()Ljava/lang/Runnable;", Rule.INVOKEDYNAMIC,
                UsesLambda.class.getName() + "#task()Ljava/lang/Runnable;: uses invokedynamic"
                        + " (bootstrap java.lang.invoke.LambdaMetafactory#metafactory), which MicroEJ"
                        + " does not support: no lambdas, method references or indy string"
                        + " concatenation (compile with --release 8)");
    }

    @Test
    void methodReferenceIsInvokedynamic() {
        Violation violation = onlyViolation(UsesMethodReference.class, "task()Ljava/lang/Runnable;",
                Rule.INVOKEDYNAMIC);
        assertTrue(violation.detail().contains("java.lang.invoke.LambdaMetafactory#metafactory"));
    }

    @Test
    void stringConcatenationOnRelease17IsInvokedynamic() {
        Violation violation = onlyViolation(UsesIndyConcatenation.class,
                "label(Ljava/lang/String;)Ljava/lang/String;", Rule.INVOKEDYNAMIC);
        assertTrue(violation.detail()
                .contains("java.lang.invoke.StringConcatFactory#makeConcatWithConstants"));
    }

    @Test
    void defaultInterfaceMethodIsRejected() {
        assertSingleViolation(InterfaceWithDefaultMethod.class, "isEmpty()Z",
                Rule.INTERFACE_METHOD_BODY, InterfaceWithDefaultMethod.class.getName()
                        + "#isEmpty()Z: is a default method in an interface, which MicroEJ (Java 7)"
                        + " does not support");
    }

    @Test
    void staticInterfaceMethodIsRejected() {
        assertSingleViolation(InterfaceWithStaticMethod.class, "twice(I)I",
                Rule.INTERFACE_METHOD_BODY, InterfaceWithStaticMethod.class.getName()
                        + "#twice(I)I: is a static method in an interface, which MicroEJ (Java 7)"
                        + " does not support");
    }

    @Test
    void thirtyTwoReferenceFieldsAcrossSuperclassAndSubclassAreTooMany() {
        assertSingleViolation(ReferenceFieldsOverLimit.class, "", Rule.REFERENCE_FIELD_LIMIT,
                ReferenceFieldsOverLimit.class.getName() + ": has 32 reference-typed instance fields"
                        + " (superclasses included), more than the 31 MicroEJ allows",
                ReferenceFieldsBase.class);
    }

    @Test
    void thirtyOneReferenceFieldsPass() {
        assertEquals(List.of(), check(ReferenceFieldsAtLimit.class, ReferenceFieldsAtLimitBase.class));
    }

    @Test
    void superclassOutsideTheScanCannotBeCountedAndIsReported() {
        assertSingleViolation(ReferenceFieldsAtLimit.class, "", Rule.REFERENCE_FIELD_LIMIT,
                ReferenceFieldsAtLimit.class.getName() + ": has superclass "
                        + ReferenceFieldsAtLimitBase.class.getName() + ", which is not among the"
                        + " scanned classes, so its reference fields cannot be counted against the"
                        + " limit of 31");
    }

    @Test
    void nonStaticNativeIsRejected() {
        assertSingleViolation(NativeNotStatic.class, "receive([BII)I", Rule.SNI_NATIVE,
                NativeNotStatic.class.getName() + "#receive([BII)I: is a native method that is not"
                        + " static; SNI natives must be static native");
    }

    @Test
    void nativeTakingAnObjectIsRejected() {
        assertSingleViolation(NativeTakingObject.class, "send(Ljava/lang/Object;)I", Rule.SNI_NATIVE,
                NativeTakingObject.class.getName() + "#send(Ljava/lang/Object;)I: is a native method"
                        + " whose parameter 1 has type java.lang.Object; SNI allows only base types"
                        + " and one-dimensional arrays of base types");
    }

    @Test
    void nativeTakingATwoDimensionalArrayIsRejected() {
        assertSingleViolation(NativeTakingIntMatrix.class, "fill([[I)V", Rule.SNI_NATIVE,
                NativeTakingIntMatrix.class.getName() + "#fill([[I)V: is a native method whose"
                        + " parameter 1 has type int[][]; SNI allows only base types and"
                        + " one-dimensional arrays of base types");
    }

    @Test
    void nativeReturningAStringIsRejected() {
        assertSingleViolation(NativeReturningString.class, "name()Ljava/lang/String;", Rule.SNI_NATIVE,
                NativeReturningString.class.getName() + "#name()Ljava/lang/String;: is a native method"
                        + " returning java.lang.String; SNI allows only void, base types and"
                        + " one-dimensional arrays of base types");
    }

    @Test
    void nativeWithSixteenParametersIsRejected() {
        assertSingleViolation(NativeWithSixteenParameters.class, "many(IIIIIIIIIIIIIIII)I",
                Rule.SNI_NATIVE, NativeWithSixteenParameters.class.getName()
                        + "#many(IIIIIIIIIIIIIIII)I: is a native method with 16 parameters; SNI allows"
                        + " at most 15");
    }

    @Test
    void cleanClassPasses() {
        assertEquals(List.of(), check(CleanClass.class));
    }

    @Test
    void violationsOfSeveralClassesAreSortedAndEachReportedOnce() {
        List<Violation> violations = check(UsesLambda.class, CallsStringFormat.class, UsesLambda.class);
        assertEquals(List.of(CallsStringFormat.class.getName(), UsesLambda.class.getName()),
                violations.stream().map(Violation::className).toList());
    }
}
