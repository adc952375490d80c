// ProcessHardening: after disableCoreDumps() the kernel reports a core size
// limit of 0 (soft and hard) and the process as not dumpable; on Windows the
// error mode has the crash dialogs off. applyForRelease() does the same in
// release builds only. The test asks the kernel itself (getrlimit, prctl,
// GetErrorMode), which is why it includes system headers.

#include "core/platform/processhardening.h"

#include <QTest>

#if defined(Q_OS_WIN)
#include <windows.h>
#else
#include <sys/resource.h>
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif
#endif

using jobdesk::platform::ProcessHardening;

namespace {

struct DumpState
{
    unsigned long long coreSoft = 0;
    unsigned long long coreHard = 0;
    int dumpable = -1;
    bool crashDialogs = true;

    bool hardened() const
    {
#if defined(Q_OS_WIN)
        return !crashDialogs;
#elif defined(Q_OS_LINUX)
        return coreSoft == 0 && coreHard == 0 && dumpable == 0;
#else
        return coreSoft == 0 && coreHard == 0;
#endif
    }
    bool operator==(const DumpState &) const = default;
};

DumpState currentState()
{
    DumpState state;
#if defined(Q_OS_WIN)
    state.crashDialogs = (GetErrorMode() & SEM_NOGPFAULTERRORBOX) == 0;
#else
    rlimit limit{};
    if (getrlimit(RLIMIT_CORE, &limit) == 0) {
        state.coreSoft = limit.rlim_cur;
        state.coreHard = limit.rlim_max;
    }
#if defined(Q_OS_LINUX)
    state.dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
#endif
#endif
    return state;
}

}  // namespace

class TestProcessHardening : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    // Order matters: both change the whole test process, and the first needs it untouched.
    void applyForReleaseFollowsBuildType();
    void disableCoreDumpsSetsBoth();
};

void TestProcessHardening::initTestCase()
{
    // Start from a process that could dump, so the tests see a change.
#if defined(Q_OS_WIN)
    SetErrorMode(0);
#else
    rlimit limit{};
    QCOMPARE(getrlimit(RLIMIT_CORE, &limit), 0);
    if (limit.rlim_cur == 0 && limit.rlim_max != 0) {
        limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? rlim_t(1024 * 1024) : limit.rlim_max;
        QCOMPARE(setrlimit(RLIMIT_CORE, &limit), 0);
    }
#if defined(Q_OS_LINUX)
    QCOMPARE(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
#endif
#endif
    QVERIFY(!currentState().hardened());
}

void TestProcessHardening::applyForReleaseFollowsBuildType()
{
    const DumpState before = currentState();
    const jobdesk::Status status = ProcessHardening::applyForRelease();
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().summary()));
    const DumpState after = currentState();

#if defined(NDEBUG)
    QVERIFY(ProcessHardening::activeInThisBuild());
    QVERIFY(after.hardened());
    Q_UNUSED(before);
#else
    // Debug builds keep core dumps for developers: nothing may change.
    QVERIFY(!ProcessHardening::activeInThisBuild());
    QVERIFY(after == before);
#endif
}

void TestProcessHardening::disableCoreDumpsSetsBoth()
{
    const jobdesk::Status status = ProcessHardening::disableCoreDumps();
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().summary()));

    const DumpState after = currentState();
    QVERIFY(after.hardened());
#if !defined(Q_OS_WIN)
    QCOMPARE(after.coreSoft, 0ull);
    QCOMPARE(after.coreHard, 0ull);
    // The hard limit is 0 too, so nothing in the process can turn dumps back on.
    rlimit raise{1024, 1024};
    QCOMPARE(setrlimit(RLIMIT_CORE, &raise), -1);
#endif
}

QTEST_GUILESS_MAIN(TestProcessHardening)
#include "tst_processhardening.moc"
