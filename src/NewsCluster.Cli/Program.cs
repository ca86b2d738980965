using System.CommandLine;
using NewsCluster.Cli.Commands;

Warmup.StartFor(args);
var root = new RootCommand("NewsCluster offline tools: parse, cluster and evaluate article dumps without a database.")
{
    ParseCommand.Create(),
    ClusterCommand.Create(),
    EvalCommand.Create(),
    ExplainCommand.Create(),
    GenerateCommand.Create(),
    BenchCommand.Create(),
    BenchIndexCommand.Create(),
};
return root.Parse(args).Invoke();
