// Benchmarks of the JobDesk window (not a test; nothing here asserts a time).
//
//   QT_QPA_PLATFORM=offscreen build/bench/gui/bench_window [runs]
//
// 1. first window: from starting the jobdesk process to its first paint
//    (jobdesk --bench-startup prints a line at the first paint and quits);
// 2. tabs populated: from the raw answer bytes of a job with 50 configuration
//    entries and 25 artifacts to every tab's model filled and the visible tab laid
//    out (parse, model conformance, document, all five models, pending events);
//    the widgets of the hidden tabs are made when first shown, so
// 3. first switch: the time to show each hidden tab the first time.

#include "core/codepipeline/jobdocument.h"
#include "core/codepipeline/responseparser.h"
#include "core/codepipeline/servicemodel.h"
#include "gui/jobview.h"
#include "gui/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace jobdesk;
using Json = nlohmann::ordered_json;

namespace {

QByteArray answerBody(int configEntries, int artifacts)
{
    Json config = Json::object();
    for (int i = 0; i < configEntries; ++i)
        config["Setting" + std::to_string(i)] = "value of setting " + std::to_string(i);
    config["ApiToken"] = "tok_EXAMPLE";
    Json inputs = Json::array();
    Json outputs = Json::array();
    for (int i = 0; i < artifacts; ++i) {
        Json a = {{"name", "Artifact" + std::to_string(i)},
                  {"revision", "0123456789abcdef" + std::to_string(i)},
                  {"location",
                   {{"type", "S3"},
                    {"s3Location",
                     {{"bucketName", "codepipeline-us-east-1-123456789012"},
                      {"objectKey", "pipe/Artifact" + std::to_string(i) + "/x.zip"}}}}}};
        (i % 2 == 0 ? inputs : outputs).push_back(a);
    }
    config.erase("ApiToken");  // exactly configEntries entries
    Json details = {
        {"id", "11111111-2222-4333-8444-555555555555"},
        {"data",
         {{"actionTypeId", {{"category", "Build"}, {"owner", "ThirdParty"}, {"provider", "AcmeCI"}, {"version", "1"}}},
          {"actionConfiguration", {{"configuration", config}}},
          {"pipelineContext",
           {{"pipelineName", "bench"},
            {"stage", {{"name", "Build"}}},
            {"action", {{"name", "Build"}, {"actionExecutionId", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"}}}}},
          {"inputArtifacts", inputs},
          {"outputArtifacts", outputs},
          {"artifactCredentials",
           {{"accessKeyId", "ASIAEXAMPLE"}, {"secretAccessKey", "secretEXAMPLE"}, {"sessionToken", "tokenEXAMPLE"}}},
          {"encryptionKey", {{"id", "alias/aws/s3"}, {"type", "KMS"}}}}},
        {"nonce", "1"}};
    const std::string text = Json{{"jobDetails", details}}.dump();
    return QByteArray(text.data(), qsizetype(text.size()));
}

struct Stats
{
    double min = 0, median = 0, max = 0;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v.front(), v[v.size() / 2], v.back()};
}

}  // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("JobDeskBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_window"));
    const int runs = argc > 1 ? std::max(3, QByteArray(argv[1]).toInt()) : 10;

    // 1. Process start to first shown window.
    std::vector<double> startup;
    for (int i = 0; i < runs; ++i) {
        QProcess process;
        QElapsedTimer timer;
        timer.start();
        process.start(QStringLiteral(JOBDESK_APP), {QStringLiteral("--bench-startup")});
        double shownAt = -1;
        while (process.state() != QProcess::NotRunning || process.bytesAvailable() > 0) {
            process.waitForReadyRead(10000);
            if (process.readAll().contains("first-window-shown")) {
                shownAt = double(timer.nsecsElapsed()) / 1e6;
                break;
            }
            if (timer.elapsed() > 30000)
                break;
        }
        process.waitForFinished(10000);
        if (shownAt < 0) {
            std::fprintf(stderr, "jobdesk did not report its first window: %s\n",
                         process.readAllStandardError().constData());
            return 1;
        }
        startup.push_back(shownAt);
    }
    const Stats s1 = stats(startup);
    std::printf("first window (process start to first paint), %d runs: min %.1f ms, median %.1f ms, max %.1f ms\n",
                runs, s1.min, s1.median, s1.max);

    // 2. Answer bytes to all tabs populated.
    const QByteArray body = answerBody(50, 25);
    const auto *op = codepipeline::ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    gui::MainWindow window;
    window.show();
    QCoreApplication::processEvents();
    std::vector<double> populate;
    std::vector<double> firstSwitch[gui::JobView::RawTab + 1];
    for (int i = 0; i < runs * 3; ++i) {
        QElapsedTimer timer;
        timer.start();
        auto parsed = codepipeline::ResponseParser::parse(op->output, body);
        if (!parsed) {
            std::fprintf(stderr, "parse failed: %s\n", qPrintable(parsed.error().message));
            return 1;
        }
        codepipeline::OperationResult result;
        result.response = std::move(parsed).value();
        result.requestId = QStringLiteral("bench");
        result.attempts = 1;
        gui::JobView *view = window.openDocument(codepipeline::JobDocument::fromResponse(
            result, {QStringLiteral("11111111-2222-4333-8444-555555555555"), {}, QStringLiteral("us-east-1"), {}},
            QDateTime::currentDateTimeUtc()));
        // Lay out and paint the visible tab, as the window would before the user sees it.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (view->configurationModel() == nullptr || window.documentTabs()->count() != 1)
            return 1;
        populate.push_back(ms);
        for (int tab = gui::JobView::ConfigurationTab; tab <= gui::JobView::RawTab; ++tab) {
            QElapsedTimer switchTimer;
            switchTimer.start();
            view->tabs()->setCurrentIndex(tab);
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
            firstSwitch[tab].push_back(double(switchTimer.nsecsElapsed()) / 1e6);
        }
        window.closeDocument(0);
        QCoreApplication::processEvents();
    }
    const Stats s2 = stats(populate);
    std::printf("tabs populated (answer bytes to five models filled, visible tab shown; 50 config entries, "
                "25 artifacts), %d runs: "
                "min %.2f ms, median %.2f ms, max %.2f ms\n",
                runs * 3, s2.min, s2.median, s2.max);
    const char *names[] = {"Overview", "Configuration", "Artifacts", "Credentials", "Raw"};
    for (int tab = gui::JobView::ConfigurationTab; tab <= gui::JobView::RawTab; ++tab) {
        const Stats st = stats(firstSwitch[tab]);
        std::printf("first switch to %s (its widgets made, laid out), %d runs: min %.2f ms, median %.2f ms, "
                    "max %.2f ms\n",
                    names[tab], runs * 3, st.min, st.median, st.max);
    }
    QSettings().clear();
    return 0;
}
