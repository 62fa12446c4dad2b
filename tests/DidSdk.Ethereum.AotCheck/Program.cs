using DidSdk.Ethereum.Ethr;

// Run after publishing: a did:ethr parse exercises the AOT-compiled assembly without a node.
Console.WriteLine(EthrDid.TryParse("did:ethr:0x7a69:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", out var did) ? did.Address.ToString() : "unparsable");
