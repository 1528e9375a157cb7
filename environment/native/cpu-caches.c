/*
 * libsenslab-cpucaches.so: shows a Java process the CPU cache topology that some virtual machines hide.
 *
 * Why: oneDNN (inside libtorch) sizes its convolution kernels from the cache topology it reads with the CPUID
 * instruction. On hosts whose hypervisor hides it (no caches under /sys/devices/system/cpu/cpu0/cache), oneDNN
 * v3.7.1 takes a fallback path whose jit kernels return wrong, run-dependent convolution results (see
 * ../shared/repro/ConvGrad.java and README.md, "The engine check"). Giving oneDNN a topology, with the same
 * sizes as its own fallback guess (32 KB L1d, 512 KB L2 and 1 MB L3 per core), avoids that path at no cost.
 *
 * How: preloaded into a JVM (LD_PRELOAD), the constructor asks the kernel to make CPUID fault in this process
 * (arch_prctl ARCH_SET_CPUID, which KVM and recent CPUs support) and answers each CPUID from a SIGSEGV handler:
 * the real answer, with the cache leaves replaced. The JVM installs its own SIGSEGV handler later and passes
 * the faults it does not own on to this one (HotSpot's signal chaining), so both coexist.
 *
 * SENSLAB_CPU_CACHES selects what it does; unset, or in a process that is not a JVM, it does nothing:
 *   present   report the cache topology above (the remedy)
 *   hide      report no cache topology, as the affected hosts do (used by the tests to emulate such a host)
 * It exports SENSLAB_CPU_CACHES_STATE=presented|hidden|unavailable so that the library can report what it found.
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <cpuid.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

enum mode { OFF, PRESENT, HIDE };

static enum mode mode = OFF;
static int amd; /* AMD and Hygon report caches in leaf 0x8000001D, Intel and others in leaf 4 */

static long allow_cpuid(int allowed) { return syscall(SYS_arch_prctl, ARCH_SET_CPUID, allowed); }

/* One cache level as CPUID leaves 4 and 0x8000001D describe it (the two share this layout). */
struct cache { unsigned type, level, sharing, ways, sets; };

/* data, instruction, unified L2, unified L3 (shared by two logical CPUs), then the end of the list */
static const struct cache presented[] = {
    {1, 1, 1, 8, 64}, {2, 1, 1, 8, 64}, {3, 2, 1, 8, 1024}, {3, 3, 2, 16, 2048}, {0, 0, 0, 0, 0}};

static void describe(unsigned subleaf, unsigned *a, unsigned *b, unsigned *c, unsigned *d) {
    const struct cache *k = &presented[subleaf < 4 ? subleaf : 4];
    *a = k->type ? k->type | (k->level << 5) | ((k->sharing - 1) << 14) : 0;
    *b = k->type ? 63u | ((k->ways - 1) << 22) : 0; /* 64-byte lines, one partition */
    *c = k->type ? k->sets - 1 : 0;
    *d = 0;
}

static void answer(unsigned leaf, unsigned subleaf, unsigned *a, unsigned *b, unsigned *c, unsigned *d) {
    allow_cpuid(1);
    __cpuid_count(leaf, subleaf, *a, *b, *c, *d);
    allow_cpuid(0);
    if (amd) {
        if (leaf == 0x80000000 && mode == PRESENT && *a < 0x8000001d) *a = 0x8000001d;
        if (leaf == 0x80000001) *c = mode == PRESENT ? *c | (1u << 22) : *c & ~(1u << 22); /* TOPOEXT */
        if (leaf == 0x8000001d) {
            if (mode == PRESENT) describe(subleaf, a, b, c, d);
            else *a = *b = *c = *d = 0;
        }
        if (mode == HIDE && (leaf == 0x80000005 || leaf == 0x80000006)) *a = *b = *c = *d = 0;
    } else if (leaf == 4) {
        if (mode == PRESENT) describe(subleaf, a, b, c, d);
        else *a = *b = *c = *d = 0;
    }
}

static void on_segv(int signal_number, siginfo_t *info, void *context) {
    (void) info;
    greg_t *r = ((ucontext_t *) context)->uc_mcontext.gregs;
    const unsigned char *pc = (const unsigned char *) r[REG_RIP];
    if (pc[0] != 0x0f || pc[1] != 0xa2) {
        /* not ours and not the JVM's: let the instruction fault again and end the process as it would have */
        signal(signal_number, SIG_DFL);
        return;
    }
    unsigned a, b, c, d;
    answer((unsigned) r[REG_RAX], (unsigned) r[REG_RCX], &a, &b, &c, &d);
    r[REG_RAX] = a;
    r[REG_RBX] = b;
    r[REG_RCX] = c;
    r[REG_RDX] = d;
    r[REG_RIP] += 2;
}

static int is_jvm(void) {
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return 0;
    exe[n] = 0;
    const char *name = strrchr(exe, '/');
    return strcmp(name ? name + 1 : exe, "java") == 0;
}

__attribute__((constructor)) static void start(void) {
    const char *wanted = getenv("SENSLAB_CPU_CACHES");
    if (!wanted || !is_jvm()) return;
    if (strcmp(wanted, "present") == 0) mode = PRESENT;
    else if (strcmp(wanted, "hide") == 0) mode = HIDE;
    else return;
    unsigned max, vendor[3];
    __cpuid(0, max, vendor[0], vendor[2], vendor[1]);
    amd = memcmp(vendor, "AuthenticAMD", 12) == 0 || memcmp(vendor, "HygonGenuine", 12) == 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_segv;
    action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    if (sigaction(SIGSEGV, &action, NULL) != 0 || allow_cpuid(0) != 0) {
        fprintf(stderr, "senslab: SENSLAB_CPU_CACHES=%s has no effect: this kernel or hypervisor does not let a "
                "process trap CPUID (arch_prctl ARCH_SET_CPUID)\n", wanted);
        signal(SIGSEGV, SIG_DFL);
        mode = OFF;
        setenv("SENSLAB_CPU_CACHES_STATE", "unavailable", 1);
        return;
    }
    setenv("SENSLAB_CPU_CACHES_STATE", mode == PRESENT ? "presented" : "hidden", 1);
}
