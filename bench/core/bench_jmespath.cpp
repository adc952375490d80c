// Benchmark of the JMESPath engine behind --query (not a test; nothing here
// asserts a time).
//
//   build/release/bench/core/bench_jmespath [rounds]
//
// Over the document `aws codepipeline get-third-party-job-details` prints for
// the tests' biggest job (50 configuration entries, 13 input and 12 output
// artifacts), for each typical expression: the time to compile it, and the
// time of one search() of the compiled expression. Each figure is the median
// of `rounds` rounds (default 15) of enough calls to take a few milliseconds,
// so that a busy machine shows up as spread between min and max, not as a
// wrong median.

#include "support/guitestdata.h"

#include "core/query/expression.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using jobdesk::query::Expression;
using Json = nlohmann::ordered_json;

namespace {

const char *const kExpressions[] = {
    "jobDetails.data.actionConfiguration.configuration.Setting17",
    "jobDetails.data.inputArtifacts[*].location.s3Location",
    "jobDetails.data.inputArtifacts[?name == 'In7'].location.s3Location.objectKey | [0]",
    "keys(jobDetails.data.actionConfiguration.configuration)",
    "sort_by(jobDetails.data.outputArtifacts, &name)[*].name",
    "[jobDetails.data.inputArtifacts, jobDetails.data.outputArtifacts][] | [?contains(name, '1')].name",
    ("{id: jobDetails.id, pipeline: jobDetails.data.pipelineContext.pipelineName, "
     "inputs: length(jobDetails.data.inputArtifacts), revisions: jobDetails.data.inputArtifacts[].revision}"),
};

struct Stats
{
    double min = 0, median = 0, max = 0;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v.front(), v[v.size() / 2], v.back()};
}

// Microseconds per call of f: `rounds` rounds, each of as many calls as take about 5 ms.
template<typename F>
Stats measure(int rounds, F f)
{
    int calls = 1;
    for (;;) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < calls; ++i)
            f();
        if (timer.nsecsElapsed() > 5'000'000 || calls > (1 << 24))
            break;
        calls *= 2;
    }
    std::vector<double> perCall;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < calls; ++i)
            f();
        perCall.push_back(double(timer.nsecsElapsed()) / 1e3 / calls);
    }
    return stats(perCall);
}

}  // namespace

int main(int argc, char *argv[])
{
    const int rounds = argc > 1 ? std::max(3, std::atoi(argv[1])) : 15;

    jobdesk::test::JobShape shape;
    shape.configEntries = 50;
    shape.inputArtifacts = 13;
    shape.outputArtifacts = 12;
    shape.withPipelineArn = true;
    const Json document = {{"jobDetails", jobdesk::test::jobDetails(shape)}};
    std::printf("document: %zu bytes of JSON; %d rounds per figure; microseconds per call (min / median / max)\n",
                document.dump().size(), rounds);

    size_t sink = 0;  // keeps the calls from being optimised away
    for (const char *text : kExpressions) {
        const auto compiled = Expression::compile(std::string_view(text));
        if (!compiled) {
            std::fprintf(stderr, "%s: %s\n", text, qPrintable(compiled.error().message));
            return 1;
        }
        const auto answer = compiled.value().search(document);
        // An empty answer would time the engine giving up early, not its work.
        if (!answer || answer.value().is_null() || answer.value().empty()) {
            std::fprintf(stderr, "%s: no answer over the job\n", text);
            return 1;
        }
        const Stats compile = measure(rounds, [&] { sink += Expression::compile(std::string_view(text)).ok(); });
        const Expression &expression = compiled.value();
        const Stats search = measure(rounds, [&] { sink += expression.search(document).value().size(); });
        std::printf("%s\n    compile %8.2f / %8.2f / %8.2f    search %8.2f / %8.2f / %8.2f    (%zu in the answer)\n",
                    text, compile.min, compile.median, compile.max, search.min, search.median, search.max,
                    answer.value().size());
    }
    return sink == 0 ? 1 : 0;
}
