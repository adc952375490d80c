#include "fake/fakescriptreader.h"
#include "fake/fixturejson.h"

#include "core/codepipeline/servicemodel.h"

#include <nlohmann/json.hpp>

namespace jobdesk::fake {

using ojson = nlohmann::ordered_json;

Result<FakeScript> FakeScriptReader::read(const ojson &value, const QString &field, bool s3)
{
    const auto knownOperation = [s3](const std::string &name) {
        if (s3)
            return name == "HeadObject" || name == "GetObject" || name == "PutObject";
        return codepipeline::ServiceModel::codePipeline().operation(name) != nullptr;
    };
    if (!value.is_object())
        return Error::validation(field, tr("%1 must be an object").arg(field));
    FakeScript script;
    for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string &key = it.key();
        const ojson &v = it.value();
        const QString where = field + QLatin1Char('.') + QString::fromStdString(key);
        const auto bad = [&](const QString &what) { return Error::validation(where, tr("%1 %2").arg(where, what)); };
        if (!key.empty() && key.front() == '_')
            continue;
        if (key == "operations") {
            if (!v.is_array())
                return bad(tr("must be an array of operation names"));
            for (const auto &op : v) {
                if (!op.is_string() || !knownOperation(op.get<std::string>()))
                    return bad(s3 ? tr("must name S3 operations: HeadObject, GetObject, PutObject")
                                  : tr("must name CodePipeline third-party job operations"));
                script.operations << QString::fromStdString(op.get<std::string>());
            }
        } else if (key == "throttle") {
            if (!v.is_number_integer() || v.get<int>() < 0)
                return bad(tr("must be a count"));
            script.throttleCount = v.get<int>();
        } else if (key == "serverErrors") {
            if (!v.is_array())
                return bad(tr("must be an array of 5xx statuses"));
            for (const auto &s : v) {
                if (!s.is_number_integer() || s.get<int>() < 500 || s.get<int>() > 599)
                    return bad(tr("must be an array of 5xx statuses"));
                script.serverErrors << s.get<int>();
            }
        } else if (key == "serverErrorBody") {
            if (v == "json")
                script.serverErrorBody = FakeScript::ServerErrorBody::Json;
            else if (v == "html")
                script.serverErrorBody = FakeScript::ServerErrorBody::Html;
            else
                return bad(tr("must be \"json\" or \"html\""));
        } else if (key == "error") {
            if (!v.is_object() || fixtureString(v, "code").isEmpty())
                return bad(tr("must be an object with a \"code\""));
            FakeScript::ForcedError e;
            e.code = fixtureString(v, "code");
            e.message = fixtureString(v, "message");
            if (v.contains("status")) {
                if (!v["status"].is_number_integer() || v["status"].get<int>() < 400 || v["status"].get<int>() > 599)
                    return bad(tr("has a status outside 400-599"));
                e.status = v["status"].get<int>();
            }
            if (v.contains("count")) {
                if (!v["count"].is_number_integer() || v["count"].get<int>() < -1)
                    return bad(tr("has an invalid count"));
                e.count = v["count"].get<int>();
            }
            script.error = e;
        } else if (key == "fault") {
            if (v == "malformedBody")
                script.fault = FakeScript::Fault::MalformedBody;
            else if (v == "truncatedBody")
                script.fault = FakeScript::Fault::TruncatedBody;
            else if (v == "noAnswer")
                script.fault = FakeScript::Fault::NoAnswer;
            else if (v == "resetMidBody")
                script.fault = FakeScript::Fault::ResetMidBody;
            else if (v == "truncatedChunkedBody")
                script.fault = FakeScript::Fault::TruncatedChunkedBody;
            else if (v == "captivePortalHtml")
                script.fault = FakeScript::Fault::CaptivePortalHtml;
            else if (v == "hugeBody")
                script.fault = FakeScript::Fault::HugeBody;
            else if (v == "emptyBody")
                script.fault = FakeScript::Fault::EmptyBody;
            else if (v == "emptyObject")
                script.fault = FakeScript::Fault::EmptyObject;
            else if (v == "none")
                script.fault = FakeScript::Fault::None;
            else
                return bad(tr("must be \"malformedBody\", \"truncatedBody\", \"noAnswer\", "
                              "\"resetMidBody\", \"truncatedChunkedBody\", "
                              "\"captivePortalHtml\", \"hugeBody\", \"emptyBody\" or \"emptyObject\""));
        } else if (key == "faultCount") {
            if (!v.is_number_integer() || v.get<int>() < -1)
                return bad(tr("must be a count or -1"));
            script.faultCount = v.get<int>();
        } else if (key == "hugeBodyBytes") {
            if (!v.is_number_integer() || v.get<qint64>() < 1 || v.get<qint64>() > qint64(1) << 30)
                return bad(tr("must be a number of bytes up to 1 GiB"));
            script.hugeBodyBytes = v.get<qint64>();
        } else if (key == "dateOffsetSeconds") {
            if (!v.is_number_integer())
                return bad(tr("must be a number of seconds"));
            script.dateOffsetSeconds = v.get<qint64>();
        } else if (key == "delayMs") {
            if (!v.is_number_integer() || v.get<int>() < 0)
                return bad(tr("must be a number of milliseconds"));
            script.delayMs = v.get<int>();
        } else if (key == "resetAfterBodyBytes") {
            if (!v.is_number_integer() || v.get<qint64>() < 0)
                return bad(tr("must be a number of bytes"));
            script.resetAfterBodyBytes = v.get<qint64>();
        } else if (key == "resetCount") {
            if (!v.is_number_integer() || v.get<int>() < -1)
                return bad(tr("must be a count or -1"));
            script.resetCount = v.get<int>();
        } else if (key == "bodyBytesPerSecond") {
            if (!v.is_number_integer() || v.get<qint64>() < 0)
                return bad(tr("must be a number of bytes per second"));
            script.bodyBytesPerSecond = v.get<qint64>();
        } else if (key == "expireTokenAfterSeconds") {
            if (!v.is_number_integer() || v.get<int>() < 0)
                return bad(tr("must be a number of seconds"));
            script.expireTokenAfterSeconds = v.get<int>();
        } else if (key == "wrongRegion") {
            if (v == "authorizationHeaderMalformed")
                script.wrongRegion = FakeScript::WrongRegion::AuthorizationHeaderMalformed;
            else if (v == "permanentRedirect")
                script.wrongRegion = FakeScript::WrongRegion::PermanentRedirect;
            else if (v == "temporaryRedirect")
                script.wrongRegion = FakeScript::WrongRegion::TemporaryRedirect;
            else
                return bad(tr("must be \"authorizationHeaderMalformed\", \"permanentRedirect\" or "
                              "\"temporaryRedirect\""));
        } else if (key == "closeAfterAnswer") {
            if (!v.is_boolean())
                return bad(tr("must be true or false"));
            script.closeAfterAnswer = v.get<bool>();
        } else {
            return bad(tr("is not a script option"));
        }
    }
    return script;
}

}  // namespace jobdesk::fake
