// ProcessHardening: after disableCoreDumps() the kernel reports a core size
// limit of 0 (soft and hard) and the process as not dumpable; applyForRelease()
// does the same in release builds only.

#include "core/processhardening.h"

#include <QTest>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

using jobdesk::ProcessHardening;

namespace {

struct DumpState
{
    rlim_t coreSoft = 0;
    rlim_t coreHard = 0;
    int dumpable = -1;
};

DumpState currentState()
{
    DumpState state;
    rlimit limit{};
    if (getrlimit(RLIMIT_CORE, &limit) == 0) {
        state.coreSoft = limit.rlim_cur;
        state.coreHard = limit.rlim_max;
    }
#if defined(Q_OS_LINUX)
    state.dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
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
    rlimit limit{};
    QCOMPARE(getrlimit(RLIMIT_CORE, &limit), 0);
    if (limit.rlim_cur == 0 && limit.rlim_max != 0) {
        limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? rlim_t(1024 * 1024) : limit.rlim_max;
        QCOMPARE(setrlimit(RLIMIT_CORE, &limit), 0);
    }
#if defined(Q_OS_LINUX)
    QCOMPARE(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
#endif
}

void TestProcessHardening::applyForReleaseFollowsBuildType()
{
#if !defined(NDEBUG)
    const DumpState before = currentState();
#endif
    const jobdesk::Status status = ProcessHardening::applyForRelease();
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().summary()));
    const DumpState after = currentState();

#if defined(NDEBUG)
    QVERIFY(ProcessHardening::activeInThisBuild());
    QCOMPARE(after.coreSoft, rlim_t(0));
    QCOMPARE(after.coreHard, rlim_t(0));
#if defined(Q_OS_LINUX)
    QCOMPARE(after.dumpable, 0);
#endif
#else
    // Debug builds keep core dumps for developers: nothing may change.
    QVERIFY(!ProcessHardening::activeInThisBuild());
    QCOMPARE(after.coreSoft, before.coreSoft);
    QCOMPARE(after.coreHard, before.coreHard);
    QCOMPARE(after.dumpable, before.dumpable);
#endif
}

void TestProcessHardening::disableCoreDumpsSetsBoth()
{
    const jobdesk::Status status = ProcessHardening::disableCoreDumps();
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().summary()));

    const DumpState after = currentState();
    QCOMPARE(after.coreSoft, rlim_t(0));
    QCOMPARE(after.coreHard, rlim_t(0));
#if defined(Q_OS_LINUX)
    QCOMPARE(after.dumpable, 0);
#endif

    // The hard limit is 0 too, so nothing in the process can turn dumps back on.
    rlimit raise{1024, 1024};
    QCOMPARE(setrlimit(RLIMIT_CORE, &raise), -1);
}

QTEST_GUILESS_MAIN(TestProcessHardening)
#include "tst_processhardening.moc"
