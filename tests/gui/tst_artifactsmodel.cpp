// ArtifactsModel: inputs then outputs, their S3 location and the s3:// URI.

#include "gui/artifactsmodel.h"
#include "support/guitestdata.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

class TestArtifactsModel : public QObject
{
    Q_OBJECT

private:
    ArtifactsModel *m_model = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        m_model = new ArtifactsModel(this);
        new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }

    void rows_data()
    {
        QTest::addColumn<int>("inputs");
        QTest::addColumn<int>("outputs");
        QTest::newRow("none") << 0 << 0;
        QTest::newRow("one each") << 1 << 1;
        QTest::newRow("many") << 12 << 13;
    }
    void rows()
    {
        QFETCH(int, inputs);
        QFETCH(int, outputs);
        test::JobShape shape;
        shape.inputArtifacts = inputs;
        shape.outputArtifacts = outputs;
        auto doc = codepipeline::JobDocument::fromJsonText(test::cliOutput(shape),
                                                           codepipeline::JobDocument::Origin::Pasted, {});
        QVERIFY(doc.ok());
        m_model->setDocument(doc.value());
        QCOMPARE(m_model->rowCount(), inputs + outputs);
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const bool input = r < inputs;
            const int i = input ? r : r - inputs;
            const QString name = (input ? QStringLiteral("In") : QStringLiteral("Out")) + QString::number(i);
            QCOMPARE(m_model->index(r, ArtifactsModel::DirectionColumn).data(ArtifactsModel::IsInputRole).toBool(),
                     input);
            QCOMPARE(m_model->index(r, ArtifactsModel::NameColumn).data().toString(), name);
            QCOMPARE(m_model->index(r, ArtifactsModel::BucketColumn).data().toString(),
                     QStringLiteral("codepipeline-us-east-1-123456789012"));
            const QString key = QStringLiteral("pipe/") + name + QStringLiteral("/abc.zip");
            QCOMPARE(m_model->index(r, ArtifactsModel::KeyColumn).data().toString(), key);
            QCOMPARE(m_model->index(r, ArtifactsModel::UriColumn).data().toString(),
                     QStringLiteral("s3://codepipeline-us-east-1-123456789012/") + key);
            if (input)
                QCOMPARE(m_model->index(r, ArtifactsModel::RevisionColumn).data().toString(),
                         QStringLiteral("rev") + QString::number(i));
            else  // outputs have no revision yet: the cell says so rather than staying blank
                QVERIFY(!m_model->index(r, ArtifactsModel::RevisionColumn).data().toString().isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestArtifactsModel)
#include "tst_artifactsmodel.moc"
