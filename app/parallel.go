package app

import (
	"runtime"
	"sync"
)

// inParallel calls do(i) for i from 0 to n-1 on up to GOMAXPROCS
// goroutines, handing out the indexes in increasing order, and returns
// when every call has returned.
func inParallel(n int, do func(i int)) {
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				do(i)
			}
		}()
	}
	wg.Wait()
}
