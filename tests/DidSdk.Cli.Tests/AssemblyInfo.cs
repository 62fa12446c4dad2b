// The CLI tests mostly wait for the processes they start; the hostile-input suite runs its cases side by side.
[assembly: LevelOfParallelism(6)]
