//go:build darwin && cgo

#import <Cocoa/Cocoa.h>
#include <stdlib.h>
#include "_cgo_export.h"

// WxlogOpenDocumentsHandler turns an open-documents Apple Event into a list
// of POSIX paths for Go.
@interface WxlogOpenDocumentsHandler : NSObject
- (void)handleOpenDocuments:(NSAppleEventDescriptor *)event withReplyEvent:(NSAppleEventDescriptor *)reply;
- (void)install:(NSNotification *)note;
@end

@implementation WxlogOpenDocumentsHandler

- (void)handleOpenDocuments:(NSAppleEventDescriptor *)event withReplyEvent:(NSAppleEventDescriptor *)reply {
	NSAppleEventDescriptor *list = [event paramDescriptorForKeyword:keyDirectObject];
	NSInteger count = [list numberOfItems];
	if (count <= 0) {
		return;
	}

	// Descriptor lists count from 1. Each item coerces to a file URL.
	char **paths = calloc((size_t)count, sizeof(char *));
	int n = 0;
	for (NSInteger i = 1; i <= count; i++) {
		NSAppleEventDescriptor *item = [[list descriptorAtIndex:i] coerceToDescriptorType:typeFileURL];
		if (item == nil) {
			continue;
		}
		NSString *text = [[NSString alloc] initWithData:[item data] encoding:NSUTF8StringEncoding];
		NSURL *url = [NSURL URLWithString:text];
		if (url == nil || ![url isFileURL]) {
			continue;
		}
		paths[n++] = strdup([[url path] fileSystemRepresentation]);
	}

	if (n > 0) {
		wxlogOpenPaths(paths, n);
	}
	for (int i = 0; i < n; i++) {
		free(paths[i]);
	}
	free(paths);
}

// install registers the handler. AppKit installs its own open-documents
// handler while the application finishes launching, so ours must be set
// from applicationWillFinishLaunching or later to take its place.
- (void)install:(NSNotification *)note {
	[[NSAppleEventManager sharedAppleEventManager]
		setEventHandler:self
		    andSelector:@selector(handleOpenDocuments:withReplyEvent:)
		  forEventClass:kCoreEventClass
		     andEventID:kAEOpenDocuments];
}

@end

static WxlogOpenDocumentsHandler *wxlogHandler;

void wxlogInstallOpenDocumentsHandler(void) {
	if (wxlogHandler != nil) {
		return;
	}
	wxlogHandler = [[WxlogOpenDocumentsHandler alloc] init];

	// GLFW creates NSApp when the Fyne window starts; until then, wait
	// for the launch notification. When the app is already running,
	// install at once.
	if (NSApp != nil && [NSApp isRunning]) {
		[wxlogHandler install:nil];
		return;
	}
	[[NSNotificationCenter defaultCenter]
		addObserver:wxlogHandler
		   selector:@selector(install:)
		       name:NSApplicationWillFinishLaunchingNotification
		     object:nil];
}
